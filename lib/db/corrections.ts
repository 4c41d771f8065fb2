import type { Insertable, Kysely, Selectable } from "kysely";
import { notEmbargoed } from "./live-articles";
import type { Database, StoryCorrectionsTable } from "./schema";

export type CorrectionRow = Selectable<StoryCorrectionsTable>;

/** Records a correction or clarification (inside the caller's transaction). */
export async function insertCorrection(
  db: Kysely<Database>,
  row: Insertable<StoryCorrectionsTable>,
): Promise<void> {
  await db.insertInto("story_corrections").values(row).execute();
}

/** A story's corrections and clarifications, newest first. */
export async function listStoryCorrections(
  db: Kysely<Database>,
  storyId: string,
): Promise<CorrectionRow[]> {
  return db
    .selectFrom("story_corrections")
    .selectAll()
    .where("story_id", "=", storyId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** A correction of a live story, with where the story is and what its live page is called. */
export interface LiveCorrectionRow {
  id: number;
  story_id: string;
  kind: CorrectionRow["kind"];
  text: string;
  created_at: string;
  slug: string;
  headline: string;
}

/** Corrections and clarifications of live stories only, across the site. */
function liveCorrections(db: Kysely<Database>) {
  return db
    .selectFrom("story_corrections as c")
    .innerJoin("stories", "stories.id", "c.story_id")
    .innerJoin("published_revisions as r", "r.id", "stories.live_revision_id")
    .where(notEmbargoed(new Date().toISOString()));
}

/** The corrections and clarifications of live stories, newest first. */
export async function listLiveCorrections(
  db: Kysely<Database>,
  page: { limit: number; offset?: number },
): Promise<LiveCorrectionRow[]> {
  return liveCorrections(db)
    .select([
      "c.id as id",
      "c.story_id as story_id",
      "c.kind as kind",
      "c.text as text",
      "c.created_at as created_at",
      "stories.slug as slug",
      "r.headline as headline",
    ])
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

/** How many corrections and clarifications live stories carry. */
export async function countLiveCorrections(
  db: Kysely<Database>,
): Promise<number> {
  const row = await liveCorrections(db)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
