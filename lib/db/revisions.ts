import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { Byline } from "../editor/story-document";
import type { Database, PublishedRevisionsTable } from "./schema";
import { tagSlug } from "./slug";

export type RevisionRow = Selectable<PublishedRevisionsTable>;

/**
 * Stores a published revision and its tags by slug (inside the caller's transaction);
 * revisions never change.
 */
export async function insertRevision(
  db: Kysely<Database>,
  revision: RevisionRow,
): Promise<void> {
  await db.insertInto("published_revisions").values(revision).execute();
  const tags = revisionTagRows(revision.id, revision.tags);
  if (tags.length) await db.insertInto("revision_tags").values(tags).execute();
}

/**
 * The `revision_tags` rows of a revision's stored tags (JSON): one per slug, in the first
 * spelling given; tags without a slug (punctuation only) are left out.
 */
export function revisionTagRows(
  revisionId: string,
  tagsJson: string,
): Array<{ revision_id: string; slug: string; name: string }> {
  const bySlug = new Map<string, string>();
  for (const tag of parseTags(tagsJson)) {
    const slug = tagSlug(tag);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, tag.trim());
  }
  return [...bySlug].map(([slug, name]) => ({
    revision_id: revisionId,
    slug,
    name,
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

/** One published revision by its id. */
export async function findRevision(
  db: Kysely<Database>,
  id: string,
): Promise<RevisionRow | undefined> {
  return db
    .selectFrom("published_revisions")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
}
