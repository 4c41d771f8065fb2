import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { slugify } from "../db/slug";
import type { Byline } from "../editor/story-document";
import { parseBylines, parseTags } from "../db/revisions";
import { firstFigureImage, htmlToText, type FigureImage } from "./html";

/**
 * What the public site reads from the store: live articles (a story with a live revision),
 * sections, slug resolution and the most-read list. Pure queries on a db handle; caching is
 * the caller's (see cache.ts).
 */

/** A live story as lists show it. */
export interface ArticleTeaser {
  storyId: string;
  /** The story's current address (`/news/<slug>`). */
  slug: string;
  headline: string;
  deck: string;
  /** The deck, else the opening of the text: what lists show under the headline. */
  summary: string;
  section: string | null;
  /** `/section/<sectionSlug>`; null without a section. */
  sectionSlug: string | null;
  /** The lead photo (the body's first figure), if any. */
  image: FigureImage | null;
  /** First publication (ISO). */
  publishedAt: string;
  /** Publication of the live revision (ISO); later than publishedAt after a republish. */
  updatedAt: string;
}

/** A live story as its page shows it. */
export interface Article extends ArticleTeaser {
  revisionId: string;
  /** Server-rendered body (see lib/editor/render.ts), before site post-processing. */
  bodyHtml: string;
  bylines: Byline[];
  tags: string[];
  dateline: string | null;
  correctionNote: string | null;
  wordCount: number;
}

/** A section with live stories. */
export interface Section {
  name: string;
  slug: string;
  count: number;
  /** First publication of its newest story (ISO). */
  latestAt: string;
}

/** How the site answers `/news/<slug>`. */
export type SlugResolution =
  | { kind: "live"; storyId: string; slug: string }
  | { kind: "moved"; storyId: string; slug: string }
  | { kind: "gone"; storyId: string }
  | { kind: "missing" };

/** The URL slug of a section name ("North Korea" → "north-korea"). */
export function sectionSlug(name: string): string {
  return slugify(name) || "news";
}

function liveRows(db: Kysely<Database>) {
  return db
    .selectFrom("stories")
    .innerJoin("published_revisions as r", "r.id", "stories.live_revision_id")
    .select([
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

type LiveRow = {
  story_id: string;
  slug: string;
  first_published_at: string | null;
  headline: string;
  deck: string;
  section: string | null;
  body_html: string;
  published_at: string;
};

/** The first paragraph's text, shortened at a word to about 220 characters. */
function firstParagraphText(html: string): string {
  const match = /<p>([\s\S]*?)<\/p>/.exec(html);
  const text = match ? htmlToText(match[1]!) : "";
  if (text.length <= 220) return text;
  const cut = text.slice(0, 220);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 160))}…`;
}

function toTeaser(row: LiveRow): ArticleTeaser {
  const section = row.section?.trim() || null;
  return {
    storyId: row.story_id,
    slug: row.slug,
    headline: row.headline,
    deck: row.deck,
    summary: row.deck.trim() || firstParagraphText(row.body_html),
    section,
    sectionSlug: section ? sectionSlug(section) : null,
    image: firstFigureImage(row.body_html),
    publishedAt: row.first_published_at ?? row.published_at,
    updatedAt: row.published_at,
  };
}

/** The live article at `slug` (the story's current slug), or undefined. */
export async function findArticle(
  db: Kysely<Database>,
  slug: string,
): Promise<Article | undefined> {
  const row = await liveRows(db)
    .select([
      "r.bylines as bylines",
      "r.tags as tags",
      "r.dateline as dateline",
      "r.correction_note as correction_note",
      "r.word_count as word_count",
    ])
    .where("stories.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toTeaser(row),
    revisionId: row.revision_id,
    bodyHtml: row.body_html,
    bylines: parseBylines(row.bylines),
    tags: parseTags(row.tags),
    dateline: row.dateline,
    correctionNote: row.correction_note?.trim() || null,
    wordCount: row.word_count,
  };
}

export interface ListOptions {
  /** Only this section (by name, as stored). */
  section?: string;
  limit: number;
  offset?: number;
  /** Only stories first published at or after this instant (ISO). */
  since?: string;
}

/** Live articles, newest first publication first. */
export async function listArticles(
  db: Kysely<Database>,
  options: ListOptions,
): Promise<ArticleTeaser[]> {
  let q = liveRows(db);
  if (options.section !== undefined)
    q = q.where("r.section", "=", options.section);
  if (options.since !== undefined)
    q = q.where("stories.first_published_at", ">=", options.since);
  const rows = await q
    .orderBy("stories.first_published_at", "desc")
    .orderBy("stories.id")
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
  return rows.map(toTeaser);
}

/** Number of live articles (in `section` when given). */
export async function countArticles(
  db: Kysely<Database>,
  section?: string,
): Promise<number> {
  let q = db
    .selectFrom("stories")
    .innerJoin("published_revisions as r", "r.id", "stories.live_revision_id")
    .select((eb) => eb.fn.countAll<number>().as("n"));
  if (section !== undefined) q = q.where("r.section", "=", section);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sections with live stories, the one with the newest story first. */
export async function listSections(db: Kysely<Database>): Promise<Section[]> {
  const rows = await db
    .selectFrom("stories")
    .innerJoin("published_revisions as r", "r.id", "stories.live_revision_id")
    .select((eb) => [
      "r.section as section",
      eb.fn.countAll<number>().as("n"),
      eb.fn.max("stories.first_published_at").as("latest"),
    ])
    .where("r.section", "is not", null)
    .groupBy("r.section")
    .execute();
  // Two spellings of one section ("North Korea", "north korea") share a slug: merge them.
  const bySlug = new Map<string, Section>();
  for (const row of rows) {
    const name = row.section?.trim();
    if (!name) continue;
    const slug = sectionSlug(name);
    const latest = row.latest ?? "";
    const known = bySlug.get(slug);
    if (!known)
      bySlug.set(slug, { name, slug, count: Number(row.n), latestAt: latest });
    else {
      known.count += Number(row.n);
      if (latest > known.latestAt) known.latestAt = latest;
    }
  }
  return [...bySlug.values()].sort((a, b) =>
    a.latestAt === b.latestAt
      ? a.name.localeCompare(b.name)
      : b.latestAt.localeCompare(a.latestAt),
  );
}

/**
 * Decides what `/news/<slug>` is: a live story; an old slug of a story (moved, 301 to its
 * current slug, or gone when that story is off the site); a story taken off the site (gone,
 * 410); or nothing (404). Drafts that were never published are "missing": their existence is
 * not revealed.
 */
export async function resolveArticleSlug(
  db: Kysely<Database>,
  slug: string,
): Promise<SlugResolution> {
  const story = await db
    .selectFrom("stories")
    .select(["id", "slug", "live_revision_id", "first_published_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (story) {
    if (story.live_revision_id)
      return { kind: "live", storyId: story.id, slug: story.slug };
    if (story.first_published_at) return { kind: "gone", storyId: story.id };
    return { kind: "missing" };
  }
  const redirect = await db
    .selectFrom("slug_redirects")
    .innerJoin("stories", "stories.id", "slug_redirects.story_id")
    .select(["stories.id", "stories.slug", "stories.live_revision_id"])
    .where("slug_redirects.slug", "=", slug)
    .executeTakeFirst();
  if (!redirect) return { kind: "missing" };
  if (!redirect.live_revision_id) return { kind: "gone", storyId: redirect.id };
  return { kind: "moved", storyId: redirect.id, slug: redirect.slug };
}

/**
 * The most-read live articles since `since` (an hour bucket, `YYYY-MM-DDTHH`), most views
 * first; ties go to the newer story.
 */
export async function listPopular(
  db: Kysely<Database>,
  since: string,
  limit: number,
): Promise<Array<ArticleTeaser & { views: number }>> {
  const counts = await db
    .selectFrom("page_views")
    .innerJoin("stories", "stories.id", "page_views.story_id")
    .select((eb) => [
      "page_views.story_id as story_id",
      eb.fn.sum<number>("page_views.views").as("views"),
    ])
    .where("page_views.hour", ">=", since)
    .where("stories.live_revision_id", "is not", null)
    .groupBy("page_views.story_id")
    .orderBy("views", "desc")
    .limit(limit)
    .execute();
  if (counts.length === 0) return [];
  const rows = await liveRows(db)
    .where(
      "stories.id",
      "in",
      counts.map((c) => c.story_id),
    )
    .execute();
  const teasers = new Map(rows.map((r) => [r.story_id, toTeaser(r)]));
  return counts
    .flatMap((c) => {
      const t = teasers.get(c.story_id);
      return t ? [{ ...t, views: Number(c.views) }] : [];
    })
    .sort(
      (a, b) => b.views - a.views || b.publishedAt.localeCompare(a.publishedAt),
    );
}
