import { Mark, mergeAttributes } from "@tiptap/core";
import { colorForUser } from "../../collab/identity";
import { parseSuggestionId } from "./id";

/**
 * The suggestion marks of `@handlewithcare/prosemirror-suggest-changes` as Tiptap marks, under
 * the names the library looks up (`insertion`, `deletion`, `modification`). Suggested text is
 * inline only: the Yjs binding does not store node marks, so no node allows them.
 */

/** Mark names of a suggestion that the document stores (text inserted or deleted). */
export const INSERTION = "insertion";
export const DELETION = "deletion";
/** The library's mark for changed node attributes: in the schema, but never stored (see docs). */
export const MODIFICATION = "modification";

/** Formatting keys (mark names) of stored suggestions. */
export const STORED_SUGGESTION_MARKS: readonly string[] = [INSERTION, DELETION];

const idAttribute = {
  id: {
    default: null,
    renderHTML: (attributes: Record<string, unknown>) => {
      const author = parseSuggestionId(attributes.id);
      return author
        ? {
            "data-suggestion": attributes.id as string,
            "data-suggested-by": author.userId,
            "data-suggested-at": author.at.toISOString(),
            // The suggester's presence colour: the same as their caret.
            style: `--suggestion-color: ${colorForUser(author.userId)}`,
          }
        : {};
    },
  },
};

function suggestionMark(name: string, tag: "ins" | "del") {
  return Mark.create({
    name,
    inclusive: false,
    excludes: `${INSERTION} ${DELETION} ${MODIFICATION}`,
    addAttributes: () => idAttribute,
    // Never parsed from pasted HTML: a suggestion is made here, in its author's name.
    parseHTML: () => [],
    renderHTML: ({ HTMLAttributes }) => [
      tag,
      mergeAttributes(
        { class: `suggestion suggestion-${name}` },
        HTMLAttributes,
      ),
      0,
    ],
  });
}

/** Text someone suggests adding. */
export const Insertion = suggestionMark(INSERTION, "ins");
/** Text someone suggests removing (still in the document until accepted). */
export const Deletion = suggestionMark(DELETION, "del");

/** The library's node-attribute change mark: the schema needs it; nothing stores it. */
export const Modification = Mark.create({
  name: MODIFICATION,
  inclusive: false,
  excludes: `${INSERTION} ${DELETION}`,
  addAttributes: () => ({
    id: { default: null },
    type: { default: null },
    attrName: { default: null },
    previousValue: { default: null },
    newValue: { default: null },
  }),
  renderHTML: () => ["span", 0],
});

/** The suggestion marks, for the body and single-line extension lists. */
export const suggestionMarks = () => [Insertion, Deletion, Modification];
