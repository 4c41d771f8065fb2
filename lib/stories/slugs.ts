import { dropRedirect, findRedirectOwner, keepRedirect } from "../db/addresses";
import type { Store } from "../db/client";
import { isValidSlug } from "../db/slug";
import { moveStory } from "../db/story-moves";
import { findStoryById } from "../db/story-rows";
import { inTransaction, isUniqueViolation, nowIso } from "../db/transaction";
import { AppError } from "../errors";

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
      const story = await findStoryById(db, storyId);
      if (!story) throw new AppError("not_found", "No such story.");
      if (story.slug === newSlug) return { slug: newSlug, redirectFrom: null };

      const owner = await findRedirectOwner(db, newSlug);
      if (owner !== undefined && owner !== storyId)
        throw new AppError(
          "conflict",
          `"${newSlug}" is an old address of another story.`,
        );
      if (owner !== undefined) await dropRedirect(db, newSlug);

      const now = nowIso();
      // The unique index on stories.slug refuses a slug another story uses (caught below).
      await moveStory(db, {
        storyId,
        from: story.status,
        at: now,
        // An editor chose this address: it no longer follows the headline.
        set: { slug: newSlug, slug_custom: 1 },
        event: {
          kind: "slug-changed",
          actorId,
          note: `${story.slug} → ${newSlug}`,
        },
      });
      const keepOld = story.first_published_at !== null;
      if (keepOld) await keepRedirect(db, story.slug, storyId, now);
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
