import type { Store } from "../db/client";
import { listStoryCorrections } from "../db/corrections";
import { loadStoryDoc } from "../db/documents";
import { recordEvent } from "../db/events";
import type { LiveArticlePageRow } from "../db/live-articles";
import { slugForHeadline } from "../db/slug";
import { findStoryById } from "../db/story-rows";
import type { UserRow } from "../db/users";
import { bodyText } from "../editor/render";
import { countWords } from "../editor/word-count";
import { toArticle, type Article } from "../site/articles";
import { loadVisibleStory } from "./details";
import { assertNotEmbargoed, isEmbargoed } from "./embargo";
import { signPreviewToken, verifyPreviewToken } from "./preview-token";
import { readPublishable } from "./publishing";

/** A preview link as `POST /api/stories/:id/preview` answers it. */
export interface PreviewLink {
  url: string;
  /** ISO time. */
  expiresAt: string;
}

/**
 * Makes a signed, expiring link to the story's draft as the article page would show it, for
 * someone without an account; the story's record notes who made it. Throws not_found for a
 * story the actor may not see, embargoed (409) while its embargo lasts.
 */
export async function createPreviewLink(
  store: Store,
  actor: UserRow,
  storyId: string,
  options: { secret: string; siteUrl: string; now?: number },
): Promise<PreviewLink> {
  const story = await loadVisibleStory(store, actor, storyId);
  assertNotEmbargoed(story, "a preview link", options.now);
  const { token, expiresAt } = await signPreviewToken(
    { storyId: story.id, liveRevisionId: story.live_revision_id },
    options.secret,
    options.now,
  );
  const until = new Date(expiresAt).toISOString();
  await recordEvent(store.db, {
    storyId: story.id,
    actorId: actor.id,
    kind: "preview-link",
    note: `Valid until ${until}`,
  });
  return { url: `${options.siteUrl}/preview/${token}`, expiresAt: until };
}

/** What a preview link opens. */
export type PreviewOpening =
  /** The draft, as its article page would show it now. */
  | { kind: "draft"; article: Article; expiresAt: string }
  /** The story was published since the link was made: its live page. */
  | { kind: "published"; slug: string }
  /** Expired, malformed, forged, or of a story that is gone or embargoed. */
  | { kind: "invalid" };

/**
 * Opens a preview link: the story's draft rendered as publishing would render it now (the
 * address it will have, the desk's search and social texts, its corrections), until the link
 * expires or the story is published again.
 */
export async function openPreview(
  store: Store,
  token: string,
  secret: string,
  now: number = Date.now(),
): Promise<PreviewOpening> {
  const grant = await verifyPreviewToken(token, secret, now);
  const story = grant && (await findStoryById(store.db, grant.storyId));
  // An embargoed story shows nothing, even to a link made before the embargo was set.
  if (!grant || !story || isEmbargoed(story, now)) return { kind: "invalid" };
  if (story.live_revision_id && story.live_revision_id !== grant.liveRevisionId)
    return { kind: "published", slug: story.slug };

  const doc = await loadStoryDoc(store, story.id);
  const draft = await readPublishable(store, story, doc).finally(() =>
    doc.destroy(),
  );
  const at = new Date(now).toISOString();
  const row: LiveArticlePageRow = {
    story_id: story.id,
    slug:
      story.first_published_at || story.slug_custom
        ? story.slug
        : slugForHeadline(draft.headline, story.id),
    first_published_at: story.first_published_at,
    revision_id: "preview",
    headline: draft.headline,
    deck: draft.deck,
    section: draft.section,
    body_html: draft.bodyHtml,
    published_at: at,
    bylines: JSON.stringify(draft.bylines),
    tags: JSON.stringify(draft.tags),
    dateline: draft.dateline,
    word_count: countWords(bodyText(draft.body)),
    seo_title: draft.searchSocial.seoTitle,
    social_headline: draft.searchSocial.socialHeadline,
    social_description: draft.searchSocial.socialDescription,
  };
  return {
    kind: "draft",
    article: toArticle(row, await listStoryCorrections(store.db, story.id)),
    expiresAt: new Date(grant.expiresAt).toISOString(),
  };
}
