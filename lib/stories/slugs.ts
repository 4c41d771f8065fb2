import type { Store } from "../db/client";
import { recordEvent } from "../db/events";
import { isValidSlug } from "../db/slug";
import { inTransaction, isUniqueViolation, nowIso } from "../db/transaction";
import { AppError } from "../errors";
import { bumpContentVersion } from "../site/cache";

/**
 * Gives a story a new address. When the story has ever been published, its old slug is kept
 * in `slug_redirects` so links and search results keep working (the site answers them with a
 * 301 to the new slug). Renaming back to an old slug of the same story drops that redirect.
 * Throws AppError validation_failed (malformed slug), not_found (no such story) or conflict
 * (the slug belongs to another story, now or as an old address).
 */
export async function renameStorySlug(
  store: Store,
  storyId: string,
  newSlug: string,
  actorId: string | null = null,
): Promise<{ slug: string; redirectFrom: string | null }> {
  if (!isValidSlug(newSlug))
    throw new AppError(
      "validation_failed",
      "A slug is lowercase letters, digits and single hyphens.",
    );
  try {
    return await inTransaction(store, async (db) => {
      const story = await db
        .selectFrom("stories")
        .select(["id", "slug", "first_published_at"])
        .where("id", "=", storyId)
        .executeTakeFirst();
      if (!story) throw new AppError("not_found", "No such story.");
      if (story.slug === newSlug) return { slug: newSlug, redirectFrom: null };

      const owner = await db
        .selectFrom("slug_redirects")
        .select("story_id")
        .where("slug", "=", newSlug)
        .executeTakeFirst();
      if (owner && owner.story_id !== storyId)
        throw new AppError(
          "conflict",
          `"${newSlug}" is an old address of another story.`,
        );
      if (owner)
        await db
          .deleteFrom("slug_redirects")
          .where("slug", "=", newSlug)
          .execute();

      const now = nowIso();
      // The unique index on stories.slug refuses a slug another story uses (caught below).
      await db
        .updateTable("stories")
        // An editor chose this address: it no longer follows the headline.
        .set({ slug: newSlug, slug_custom: 1, updated_at: now })
        .where("id", "=", storyId)
        .execute();
      const keepOld = story.first_published_at !== null;
      if (keepOld)
        await db
          .insertInto("slug_redirects")
          .values({ slug: story.slug, story_id: storyId, created_at: now })
          // A new story may have been given another story's old slug; its own last address wins.
          .onConflict((oc) =>
            oc
              .column("slug")
              .doUpdateSet({ story_id: storyId, created_at: now }),
          )
          .execute();
      await bumpContentVersion(db);
      await recordEvent(db, {
        storyId,
        actorId,
        kind: "slug-changed",
        note: `${story.slug} → ${newSlug}`,
      });
      return { slug: newSlug, redirectFrom: keepOld ? story.slug : null };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        "conflict",
        `Another story already uses "${newSlug}".`,
      );
    throw error;
  }
}
