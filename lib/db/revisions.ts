import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { Byline } from "../editor/story-document";
import type { Database, PublishedRevisionsTable } from "./schema";

export type RevisionRow = Selectable<PublishedRevisionsTable>;

/** Stores a published revision (inside the caller's transaction); revisions never change. */
export async function insertRevision(
  db: Kysely<Database>,
  revision: RevisionRow,
): Promise<void> {
  await db.insertInto("published_revisions").values(revision).execute();
}

/** A published story as the public site shows it. */
export interface LiveArticle extends RevisionRow {
  storyId: string;
  firstPublishedAt: string;
}

/** The live revision of the story at `slug`, if it is published. */
export async function findLiveArticleBySlug(
  db: Kysely<Database>,
  slug: string,
): Promise<LiveArticle | undefined> {
  const row = await db
    .selectFrom("stories")
    .innerJoin(
      "published_revisions",
      "published_revisions.id",
      "stories.live_revision_id",
    )
    .selectAll("published_revisions")
    .select(["stories.first_published_at"])
    .where("stories.slug", "=", slug)
    .where("stories.status", "=", "published")
    .executeTakeFirst();
  if (!row) return undefined;
  const { first_published_at, ...revision } = row;
  return {
    ...revision,
    storyId: revision.story_id,
    firstPublishedAt: first_published_at ?? revision.published_at,
  };
}

/** Live articles, newest first publication first. */
export async function listLiveArticles(
  db: Kysely<Database>,
  limit = 20,
): Promise<LiveArticle[]> {
  const rows = await db
    .selectFrom("stories")
    .innerJoin(
      "published_revisions",
      "published_revisions.id",
      "stories.live_revision_id",
    )
    .selectAll("published_revisions")
    .select(["stories.first_published_at"])
    .where("stories.status", "=", "published")
    .orderBy("stories.first_published_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ first_published_at, ...revision }) => ({
    ...revision,
    storyId: revision.story_id,
    firstPublishedAt: first_published_at ?? revision.published_at,
  }));
}

const bylinesSchema = z.array(
  z.object({ name: z.string(), email: z.string() }),
);
const tagsSchema = z.array(z.string());

/** A revision's stored bylines ([] when unreadable). */
export function parseBylines(json: string): Byline[] {
  const parsed = bylinesSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : [];
}

/** A revision's stored tags ([] when unreadable). */
export function parseTags(json: string): string[] {
  const parsed = tagsSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
