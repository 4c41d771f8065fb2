import type { Kysely } from "kysely";
import { countAttempt, deleteEndedAttempts } from "./attempts";
import type { Store } from "./client";
import type { Database } from "./schema";
import { inTransaction } from "./transaction";

/** Page views of the public site: one row per story and UTC hour. */

/** The UTC hour bucket of `date`: `YYYY-MM-DDTHH` (sorts as text). */
export function hourBucket(date: Date): string {
  return date.toISOString().slice(0, 13);
}

/** Adds `views` (story id → count) to the hour of `at`, in one statement per story. */
export async function addPageViews(
  db: Kysely<Database>,
  views: ReadonlyMap<string, number>,
  at: Date,
): Promise<void> {
  const hour = hourBucket(at);
  for (const [storyId, count] of views) {
    if (count <= 0) continue;
    await db
      .insertInto("page_views")
      .values({ story_id: storyId, hour, views: count })
      .onConflict((oc) =>
        oc.columns(["story_id", "hour"]).doUpdateSet((eb) => ({
          views: eb("page_views.views", "+", eb.ref("excluded.views")),
        })),
      )
      .execute();
  }
}

/** One reader's view of one story, as the view counter hands it over. */
export interface ReaderView {
  storyId: string;
  /** An opaque key of the reader (lib/site/views readerKey): no address is stored. */
  reader: string;
}

/** How long a reader's view of a story counts once: a second view within it is not counted. */
export const VIEW_DEDUPE_MS = 60 * 60_000;

/**
 * Stores `views` made at `at`, each counted at most once per reader and story per
 * VIEW_DEDUPE_MS: a reader's first view opens a window (a row of attempt_counters, the store's
 * shared fixed-window counter) and views within it only add to its hits. One transaction for the
 * batch; windows that ended are swept when `sweep` says so. Returns the views counted.
 */
export async function addReaderViews(
  store: Store,
  views: Iterable<ReaderView>,
  at: Date,
  sweep = false,
): Promise<number> {
  const now = at.getTime();
  return inTransaction(store, async (db) => {
    if (sweep) await deleteEndedAttempts(db, now);
    const counted = new Map<string, number>();
    for (const { storyId, reader } of views) {
      const window = await countAttempt(
        db,
        `view:${storyId}:${reader}`,
        VIEW_DEDUPE_MS,
        now,
      );
      if (window.hits === 1)
        counted.set(storyId, (counted.get(storyId) ?? 0) + 1);
    }
    await addPageViews(db, counted, at);
    return [...counted.values()].reduce((a, b) => a + b, 0);
  });
}

/**
 * The most-viewed live stories (with a live revision) since the hour bucket `sinceHour`, most
 * views first, at most `limit`.
 */
export async function mostViewedLiveStories(
  db: Kysely<Database>,
  sinceHour: string,
  limit: number,
): Promise<Array<{ storyId: string; views: number }>> {
  const rows = await db
    .selectFrom("page_views")
    .innerJoin("stories", "stories.id", "page_views.story_id")
    .select((eb) => [
      "page_views.story_id as story_id",
      eb.fn.sum<number>("page_views.views").as("views"),
    ])
    .where("page_views.hour", ">=", sinceHour)
    .where("stories.live_revision_id", "is not", null)
    .groupBy("page_views.story_id")
    .orderBy("views", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    storyId: row.story_id,
    views: Number(row.views),
  }));
}
