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
