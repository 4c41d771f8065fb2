import * as Y from "yjs";
import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import { findRevision, parseBylines, parseTags } from "../db/revisions";
import { findVersionAsOf } from "../db/versions";
import type { UserRow } from "../db/users";
import { diffStories } from "../editor/diff";
import { bodyForPublication } from "../editor/render";
import { readBody, readSingleLine } from "../editor/story-document";
import { loadVisibleStory } from "./details";
import { readPublishable } from "./publishing";
import { searchSocialOf } from "./search-social";

/** A part of the story the live page can be behind on. */
export type LivePart = "headline" | "deck" | "text" | "details";

export interface LiveChanges {
  /** The story has a live page. */
  live: boolean;
  /** The parts of the story that differ from its live page (empty when it is up to date). */
  differs: LivePart[];
  /**
   * What changed since the version saved as it went live, as HTML (<ins>, <del>, all text
   * escaped); null when it is up to date or no such version was kept.
   */
  changes: { headline: string; deck: string; body: string } | null;
}

/**
 * Whether the story differs from its live page, compared as publishing would render it now
 * (so it says "up to date" exactly when publishing again would change nothing a reader sees),
 * and what changed since it went live. Throws not_found for a story the actor may not see.
 */
export async function liveChanges(
  store: Store,
  actor: UserRow,
  storyId: string,
): Promise<LiveChanges> {
  const story = await loadVisibleStory(store, actor, storyId);
  const revision = story.live_revision_id
    ? await findRevision(store.db, story.live_revision_id)
    : undefined;
  if (!revision) return { live: false, differs: [], changes: null };

  const doc = await loadStoryDoc(store, storyId);
  const now = await readPublishable(store, story, doc).finally(() =>
    doc.destroy(),
  );
  const differs: LivePart[] = [];
  if (now.headline !== revision.headline) differs.push("headline");
  if (now.deck !== revision.deck) differs.push("deck");
  if (now.bodyHtml !== revision.body_html) differs.push("text");
  if (
    JSON.stringify(now.bylines) !==
      JSON.stringify(parseBylines(revision.bylines)) ||
    JSON.stringify(now.tags) !== JSON.stringify(parseTags(revision.tags)) ||
    now.section !== revision.section ||
    now.dateline !== revision.dateline ||
    JSON.stringify(now.searchSocial) !==
      JSON.stringify(searchSocialOf(revision))
  )
    differs.push("details");
  if (differs.length === 0) return { live: true, differs, changes: null };

  // Every publication first saves the document as a version: the text as it went live.
  const version = await findVersionAsOf(
    store.db,
    storyId,
    revision.published_at,
  );
  if (!version) return { live: true, differs, changes: null };
  const then = new Y.Doc();
  try {
    Y.applyUpdate(then, version.data);
    const past = {
      headline: readSingleLine(then, "headline"),
      deck: readSingleLine(then, "deck"),
      body: bodyForPublication(readBody(then)),
    };
    return { live: true, differs, changes: diffStories(past, now) };
  } finally {
    then.destroy();
  }
}
