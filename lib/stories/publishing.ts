import { randomUUID } from "node:crypto";
import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import type { Store } from "../db/client";
import { insertCorrection } from "../db/corrections";
import { loadStoryDoc } from "../db/documents";
import { insertRevision, type RevisionRow } from "../db/revisions";
import { slugForHeadline, withSuffix } from "../db/slug";
import { moveStory } from "../db/story-moves";
import { isSlugTaken } from "../db/addresses";
import type { StoryRecord } from "../db/story-rows";
import { inTransaction, nowIso } from "../db/transaction";
import { findUsersByIds, type UserRow } from "../db/users";
import {
  bodyForPublication,
  bodyText,
  firstFigure,
  renderBodyHtml,
} from "../editor/render";
import {
  readBody,
  readMeta,
  readSingleLine,
  type Byline,
} from "../editor/story-document";
import { uniqueBylines } from "../editor/meta";
import { countWords } from "../editor/word-count";
import { AppError } from "../errors";
import { assertNotEmbargoed } from "./embargo";
import { searchSocialOf, type SearchSocial } from "./search-social";
import { correctionLabels, type CorrectionKind } from "../workflow/corrections";

/** A story's document as it would be published now: the fields a revision stores. */
export interface PublishableStory {
  headline: string;
  deck: string;
  /** The body as published (empty paragraphs removed). */
  body: PMNode;
  bodyHtml: string;
  bylines: Byline[];
  section: string | null;
  tags: string[];
  dateline: string | null;
  /** The desk's search and social overrides, as the story holds them now. */
  searchSocial: SearchSocial;
}

/**
 * Reads a story's document as publishing reads it: the text rendered with the shared schema,
 * and the authors as bylines when none are given. One rule for publishing and for saying
 * whether the live page is behind the story.
 */
export async function readPublishable(
  store: Store,
  story: StoryRecord,
  doc: Y.Doc,
): Promise<PublishableStory> {
  const body = bodyForPublication(readBody(doc));
  const meta = readMeta(doc);
  let bylines = uniqueBylines(meta.bylines);
  if (bylines.length === 0) {
    const authors = await findUsersByIds(store.db, story.authorIds);
    bylines = story.authorIds.flatMap((id) => {
      const a = authors.find((u) => u.id === id);
      return a ? [{ name: a.name, email: a.email }] : [];
    });
  }
  return {
    headline: readSingleLine(doc, "headline"),
    deck: readSingleLine(doc, "deck"),
    body,
    bodyHtml: renderBodyHtml(body),
    bylines,
    section: meta.section ?? story.section,
    tags: meta.tags,
    dateline: meta.dateline,
    searchSocial: searchSocialOf(story),
  };
}

/** A correction or clarification given with a republication. */
export interface CorrectionInput {
  kind: CorrectionKind;
  text: string;
}

/**
 * Publishes what the store holds of a story's document: renders it on the server with the
 * shared schema, stores an immutable revision and makes it live. `correction`, when given, is
 * added to the story's corrections (shown at the foot of the article and on /corrections; the
 * earlier ones stay). `options.publishedAt` dates the publication (ISO) for an article that has
 * its own date, as the demo's samples do; otherwise it is now. Throws AppError conflict when the
 * story has no headline or no text, validation_failed for a correction of a story never
 * published, embargoed (409) while its embargo lasts.
 */
export async function publishStory(
  store: Store,
  story: StoryRecord,
  actor: UserRow,
  note?: string,
  correction?: CorrectionInput | null,
  options: { publishedAt?: string } = {},
): Promise<RevisionRow> {
  assertNotEmbargoed(story, "publishing it");
  const correctionText = correction?.text.trim() ?? "";
  if (correctionText && !story.first_published_at)
    throw new AppError(
      "validation_failed",
      "A correction or clarification is given when republishing a story readers have seen; this story was never published.",
    );
  const doc = await loadStoryDoc(store, story.id);
  const published = await readPublishable(store, story, doc).finally(() =>
    doc.destroy(),
  );
  const { headline, deck, body } = published;
  if (!headline)
    throw new AppError(
      "conflict",
      "The story needs a headline before it can be published.",
    );
  const text = bodyText(body);
  if (!text.trim())
    throw new AppError("conflict", "The story has no text to publish.");

  let slug = story.slug;
  if (!story.first_published_at && !story.slug_custom) {
    const wanted = slugForHeadline(headline, story.id);
    slug = wanted;
    while (await isSlugTaken(store.db, slug, story.id))
      slug = withSuffix(wanted);
  }

  const now = nowIso();
  const publishedAt = options.publishedAt ?? now;
  const revision: RevisionRow = {
    id: randomUUID(),
    story_id: story.id,
    slug,
    headline,
    deck,
    body_html: published.bodyHtml,
    bylines: JSON.stringify(published.bylines),
    section: published.section,
    tags: JSON.stringify(published.tags),
    dateline: published.dateline,
    lead_image: firstFigure(body)?.src ?? null,
    word_count: countWords(text),
    published_at: publishedAt,
    published_by: actor.id,
    // Superseded by story_corrections (migration 009), which keeps every one.
    correction_note: null,
    seo_title: published.searchSocial.seoTitle,
    social_headline: published.searchSocial.socialHeadline,
    social_description: published.searchSocial.socialDescription,
  };
  await inTransaction(store, async (db) => {
    await insertRevision(db, revision);
    if (correction && correctionText)
      await insertCorrection(db, {
        story_id: story.id,
        revision_id: revision.id,
        kind: correction.kind,
        text: correctionText,
        created_at: now,
        created_by: actor.id,
      });
    // Only from the state this decision was made in: a concurrent move wins, this one fails.
    await moveStory(db, {
      storyId: story.id,
      from: story.status,
      to: "published",
      at: now,
      set: {
        live_revision_id: revision.id,
        slug,
        headline,
        section: revision.section,
        first_published_at: story.first_published_at ?? publishedAt,
        scheduled_at: null,
      },
      event: {
        kind: "published",
        actorId: actor.id,
        note:
          [
            note,
            correction && correctionText
              ? `${correctionLabels[correction.kind]}: ${correctionText}`
              : null,
          ]
            .filter(Boolean)
            .join(" · ") || null,
      },
    });
  });
  return revision;
}

/**
 * Takes a story off the public site: its page answers 410 Gone from then on (the revisions
 * are kept; publishing again brings the page back at the same address). Throws AppError
 * conflict when nothing of the story is live.
 */
export async function unpublishStory(
  store: Store,
  story: StoryRecord,
  actor: UserRow,
  note?: string,
): Promise<void> {
  if (!story.live_revision_id)
    throw new AppError("conflict", "The story is not on the site.");
  await inTransaction(store, (db) =>
    moveStory(db, {
      storyId: story.id,
      from: story.status,
      to: "unpublished",
      set: { live_revision_id: null },
      event: { kind: "unpublished", actorId: actor.id, note },
    }),
  );
}
