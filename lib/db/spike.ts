import type { Kysely } from "kysely";
import { recordEvent } from "./events";
import type { Database } from "./schema";
import { nowIso } from "./transaction";

/** Marks a never-published draft spiked; false when it is not one (or already spiked). */
export async function markSpiked(
  db: Kysely<Database>,
  storyId: string,
  actorId: string,
): Promise<boolean> {
  const result = await db
    .updateTable("stories")
    .set({ spiked_at: nowIso(), spiked_by: actorId })
    .where("id", "=", storyId)
    .where("status", "=", "draft")
    .where("first_published_at", "is", null)
    .where("spiked_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordEvent(db, { storyId, actorId, kind: "spiked" });
  return true;
}

/** Puts a spiked story back in the lists; false when it was not spiked. */
export async function unmarkSpiked(
  db: Kysely<Database>,
  storyId: string,
  actorId: string,
): Promise<boolean> {
  const result = await db
    .updateTable("stories")
    .set({ spiked_at: null, spiked_by: null })
    .where("id", "=", storyId)
    .where("spiked_at", "is not", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await recordEvent(db, { storyId, actorId, kind: "unspiked" });
  return true;
}

/** Deletes the stories spiked before `cutoff` (with everything of theirs); returns their ids. */
export async function deleteSpikedBefore(
  db: Kysely<Database>,
  cutoff: Date,
): Promise<string[]> {
  const rows = await db
    .deleteFrom("stories")
    .where("spiked_at", "is not", null)
    .where("spiked_at", "<", cutoff.toISOString())
    .where("first_published_at", "is", null)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Never-published drafts left untitled and without a word since before `cutoff`: what pressing
 * "New story" and going away leaves.
 */
export async function listAbandonedDrafts(
  db: Kysely<Database>,
  cutoff: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom("stories")
    .select("id")
    .where("status", "=", "draft")
    .where("headline", "=", "")
    .where("word_count", "=", 0)
    .where("first_published_at", "is", null)
    .where("updated_at", "<", cutoff.toISOString())
    .where("id", "not in", (eb) =>
      eb.selectFrom("story_presence").select("story_id"),
    )
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteStory(
  db: Kysely<Database>,
  storyId: string,
): Promise<void> {
  await db.deleteFrom("stories").where("id", "=", storyId).execute();
}
