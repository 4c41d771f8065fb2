import type { Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * Stories' addresses: the slug each story has now (`stories.slug`, unique) and the old slugs of
 * published stories, kept in `slug_redirects` so that old links still lead to them.
 */

/** The story whose current slug is `slug`, with what the site needs to answer for it. */
export async function findStoryAtSlug(
  db: Kysely<Database>,
  slug: string,
): Promise<
  | {
      id: string;
      slug: string;
      live_revision_id: string | null;
      first_published_at: string | null;
    }
  | undefined
> {
  return db
    .selectFrom("stories")
    .select(["id", "slug", "live_revision_id", "first_published_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** Whether `slug` is used by a story other than `exceptStoryId`. */
export async function isSlugTaken(
  db: Kysely<Database>,
  slug: string,
  exceptStoryId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("stories")
    .select("id")
    .where("slug", "=", slug)
    .where("id", "!=", exceptStoryId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The story `oldSlug` is an old address of, as it is now. */
export async function findRedirectTarget(
  db: Kysely<Database>,
  oldSlug: string,
): Promise<
  { id: string; slug: string; live_revision_id: string | null } | undefined
> {
  return db
    .selectFrom("slug_redirects")
    .innerJoin("stories", "stories.id", "slug_redirects.story_id")
    .select(["stories.id", "stories.slug", "stories.live_revision_id"])
    .where("slug_redirects.slug", "=", oldSlug)
    .executeTakeFirst();
}

/** The id of the story `oldSlug` is an old address of. */
export async function findRedirectOwner(
  db: Kysely<Database>,
  oldSlug: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("slug_redirects")
    .select("story_id")
    .where("slug", "=", oldSlug)
    .executeTakeFirst();
  return row?.story_id;
}

/** Forgets the old address `oldSlug`. */
export async function dropRedirect(
  db: Kysely<Database>,
  oldSlug: string,
): Promise<void> {
  await db.deleteFrom("slug_redirects").where("slug", "=", oldSlug).execute();
}

/**
 * Keeps `oldSlug` as an old address of `storyId`. When it already is another story's old
 * address (a new story may have been given it), this story's, the latest, wins.
 */
export async function keepRedirect(
  db: Kysely<Database>,
  oldSlug: string,
  storyId: string,
  at: string,
): Promise<void> {
  await db
    .insertInto("slug_redirects")
    .values({ slug: oldSlug, story_id: storyId, created_at: at })
    .onConflict((oc) =>
      oc.column("slug").doUpdateSet({ story_id: storyId, created_at: at }),
    )
    .execute();
}
