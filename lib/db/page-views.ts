import type { Kysely } from "kysely";
import type { Database } from "./schema";

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
