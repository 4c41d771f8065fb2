import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * What the public site reads: live articles. A story is live when it has a live revision
 * (`stories.live_revision_id`), whatever its status: a published story sent back to the desk
 * stays on the site until it is republished or unpublished. lib/site presents these rows.
 */

/** A live story's columns as lists show it. */
export interface LiveArticleRow {
  story_id: string;
  slug: string;
  first_published_at: string | null;
  revision_id: string;
  headline: string;
  deck: string;
  section: string | null;
  body_html: string;
  published_at: string;
}

/** A live story's columns as its page shows it. */
export interface LiveArticlePageRow extends LiveArticleRow {
  bylines: string;
  tags: string;
  dateline: string | null;
  word_count: number;
  seo_title: string | null;
  social_headline: string | null;
  social_description: string | null;
}

/** Which live articles to list. */
export interface LiveArticleFilter {
  /** Only this section (by name, as stored). */
  section?: string;
  limit: number;
  offset?: number;
  /** Only stories first published at or after this instant (ISO). */
  since?: string;
}

/** Live stories per section name as stored (null: no section). */
export interface LiveSectionRow {
  section: string | null;
  count: number;
  /** First publication of its newest story (ISO). */
  latest: string | null;
}

/**
 * Live stories joined to their live revision, `r`. A story under an embargo is never live (it
 * can be neither published nor embargoed while on the site); it is left out all the same.
 */
function liveStories(db: Kysely<Database>) {
  return db
    .selectFrom("stories")
    .innerJoin("published_revisions as r", "r.id", "stories.live_revision_id")
    .where(notEmbargoed(new Date().toISOString()));
}

/** Stories without an embargo at `nowIso` (for a query that joins `stories`). */
export function notEmbargoed(nowIso: string) {
  return (eb: ExpressionBuilder<Database, "stories">) =>
    eb.or([
      eb("stories.embargo_until", "is", null),
      eb("stories.embargo_until", "<=", nowIso),
    ]);
}

function liveRows(db: Kysely<Database>) {
  return liveStories(db).select([
    "stories.id as story_id",
    "stories.slug as slug",
    "stories.first_published_at as first_published_at",
    "r.id as revision_id",
    "r.headline as headline",
    "r.deck as deck",
    "r.section as section",
    "r.body_html as body_html",
    "r.published_at as published_at",
  ]);
}

/** The live article whose current slug is `slug`. */
export async function findLiveArticle(
  db: Kysely<Database>,
  slug: string,
): Promise<LiveArticlePageRow | undefined> {
  return liveRows(db)
    .select([
      "r.bylines as bylines",
      "r.tags as tags",
      "r.dateline as dateline",
      "r.word_count as word_count",
      "r.seo_title as seo_title",
      "r.social_headline as social_headline",
      "r.social_description as social_description",
    ])
    .where("stories.slug", "=", slug)
    .executeTakeFirst();
}

/** Live articles, newest first publication first (ties by story id). */
export async function listLiveArticles(
  db: Kysely<Database>,
  filter: LiveArticleFilter,
): Promise<LiveArticleRow[]> {
  let q = liveRows(db);
  if (filter.section !== undefined)
    q = q.where("r.section", "=", filter.section);
  if (filter.since !== undefined)
    q = q.where("stories.first_published_at", ">=", filter.since);
  return q
    .orderBy("stories.first_published_at", "desc")
    .orderBy("stories.id")
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
}

/** The live articles among the stories `storyIds`, in no particular order. */
export async function listLiveArticlesByStory(
  db: Kysely<Database>,
  storyIds: readonly string[],
): Promise<LiveArticleRow[]> {
  if (storyIds.length === 0) return [];
  return liveRows(db)
    .where("stories.id", "in", [...storyIds])
    .execute();
}

/** Number of live articles (in `section` when given). */
export async function countLiveArticles(
  db: Kysely<Database>,
  section?: string,
): Promise<number> {
  let q = liveStories(db).select((eb) => eb.fn.countAll<number>().as("n"));
  if (section !== undefined) q = q.where("r.section", "=", section);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Live stories per section name, for every stored section name with any. */
export async function countLiveSections(
  db: Kysely<Database>,
): Promise<LiveSectionRow[]> {
  const rows = await liveStories(db)
    .select((eb) => [
      "r.section as section",
      eb.fn.countAll<number>().as("n"),
      eb.fn.max("stories.first_published_at").as("latest"),
    ])
    .where("r.section", "is not", null)
    .groupBy("r.section")
    .execute();
  return rows.map((row) => ({
    section: row.section,
    count: Number(row.n),
    latest: row.latest,
  }));
}

/** A live story carrying a tag, with the tag as that story's live revision writes it. */
export interface LiveTaggedRow extends LiveArticleRow {
  tag_name: string;
}

/** Live articles whose live revision carries the tag `slug`, newest first (ties by story id). */
export async function listLiveArticlesByTag(
  db: Kysely<Database>,
  slug: string,
  page: { limit: number; offset?: number },
): Promise<LiveTaggedRow[]> {
  return liveRows(db)
    .innerJoin("revision_tags as t", "t.revision_id", "r.id")
    .select("t.name as tag_name")
    .where("t.slug", "=", slug)
    .orderBy("stories.first_published_at", "desc")
    .orderBy("stories.id")
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

/** Number of live articles whose live revision carries the tag `slug`. */
export async function countLiveArticlesByTag(
  db: Kysely<Database>,
  slug: string,
): Promise<number> {
  const row = await liveStories(db)
    .innerJoin("revision_tags as t", "t.revision_id", "r.id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("t.slug", "=", slug)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
