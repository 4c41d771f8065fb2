/** The named shared types of a story's Y.Doc. Existing names never change meaning. */
export const Y_HEADLINE = "headline";
export const Y_DECK = "deck";
export const Y_BODY = "body";
export const Y_META = "meta";

/** Keys of the `meta` Y.Map. */
export const META_SECTION = "section";
export const META_TAGS = "tags";
export const META_BYLINES = "bylines";
export const META_DATELINE = "dateline";

/** Y.Map of comment threads (never published). */
export const Y_COMMENTS = "comments";
