import type { Kysely } from "kysely";
import { findRedirectTarget, findStoryAtSlug } from "../db/addresses";
import { listStoryCorrections } from "../db/corrections";
import {
  countLiveSections,
  findLiveArticle,
  listLiveArticles,
  listLiveArticlesByStory,
  type LiveArticleFilter,
  type LiveArticlePageRow,
  type LiveArticleRow,
} from "../db/live-articles";
import { mostViewedLiveStories } from "../db/page-views";
import { parseBylines, parseTags } from "../db/revisions";
import type { Database } from "../db/schema";
import { slugify } from "../db/slug";
import type { Byline } from "../editor/story-document";
import { searchSocialOf, type SearchSocial } from "../stories/search-social";
import { correctionLabels, type CorrectionKind } from "../workflow/corrections";
import {
  firstFigureImage,
  htmlToText,
  siteLinks,
  type FigureImage,
} from "./html";

/**
 * What the public site shows of the store: live articles (a story with a live revision, see
 * lib/db/live-articles.ts), sections, slug resolution and the most-read list, read on a db
 * handle and presented for pages. Caching is the caller's (see cache.ts).
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
  /** Its corrections and clarifications, newest first. */
  corrections: PublicCorrection[];
  wordCount: number;
  /** The desk's search and social overrides as published (null: headline or deck). */
  searchSocial: SearchSocial;
}

/** A correction or clarification as readers see it (never who made it). */
export interface PublicCorrection {
  kind: CorrectionKind;
  /** "Correction" or "Clarification". */
  label: string;
  text: string;
  /** When it was published (ISO). */
  at: string;
}

/** A stored correction as readers see it. */
export function toPublicCorrection(row: {
  kind: CorrectionKind;
  text: string;
  created_at: string;
}): PublicCorrection {
  // Rows are the store's; a kind it does not know is shown as a correction, never echoed.
  const kind: CorrectionKind =
    row.kind === "clarification" ? "clarification" : "correction";
  return {
    kind,
    label: correctionLabels[kind],
    text: row.text,
    at: row.created_at,
  };
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

/** The first paragraph's text, shortened at a word to about 220 characters. */
function firstParagraphText(html: string): string {
  const match = /<p>([\s\S]*?)<\/p>/.exec(html);
  const text = match ? htmlToText(match[1]!) : "";
  if (text.length <= 220) return text;
  const cut = text.slice(0, 220);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 160))}…`;
}

/** A live story's row as lists show it. */
export function toTeaser(row: LiveArticleRow): ArticleTeaser {
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
  const row = await findLiveArticle(db, slug);
  if (!row) return undefined;
  return toArticle(row, await listStoryCorrections(db, row.story_id));
}

/** An article page's row, with its story's corrections, as the page shows it. */
export function toArticle(
  row: LiveArticlePageRow,
  corrections: ReadonlyArray<Parameters<typeof toPublicCorrection>[0]>,
): Article {
  return {
    ...toTeaser(row),
    revisionId: row.revision_id,
    // Links and images as the site's policy has them now, whenever the page was rendered.
    bodyHtml: siteLinks(row.body_html),
    bylines: parseBylines(row.bylines),
    tags: parseTags(row.tags),
    dateline: row.dateline,
    corrections: corrections.map(toPublicCorrection),
    wordCount: row.word_count,
    searchSocial: searchSocialOf(row),
  };
}

/** Live articles, newest first publication first. */
export async function listArticles(
  db: Kysely<Database>,
  options: LiveArticleFilter,
): Promise<ArticleTeaser[]> {
  const rows = await listLiveArticles(db, options);
  return rows.map(toTeaser);
}

/** Sections with live stories, the one with the newest story first. */
export async function listSections(db: Kysely<Database>): Promise<Section[]> {
  const rows = await countLiveSections(db);
  // Two spellings of one section ("North Korea", "north korea") share a slug: merge them.
  const bySlug = new Map<string, Section>();
  for (const row of rows) {
    const name = row.section?.trim();
    if (!name) continue;
    const slug = sectionSlug(name);
    const latest = row.latest ?? "";
    const known = bySlug.get(slug);
    if (!known)
      bySlug.set(slug, { name, slug, count: row.count, latestAt: latest });
    else {
      known.count += row.count;
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
  const story = await findStoryAtSlug(db, slug);
  if (story) {
    if (story.live_revision_id)
      return { kind: "live", storyId: story.id, slug: story.slug };
    if (story.first_published_at) return { kind: "gone", storyId: story.id };
    return { kind: "missing" };
  }
  const redirect = await findRedirectTarget(db, slug);
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
  const counts = await mostViewedLiveStories(db, since, limit);
  const rows = await listLiveArticlesByStory(
    db,
    counts.map((c) => c.storyId),
  );
  const teasers = new Map(rows.map((r) => [r.story_id, toTeaser(r)]));
  return counts
    .flatMap((c) => {
      const t = teasers.get(c.storyId);
      return t ? [{ ...t, views: c.views }] : [];
    })
    .sort(
      (a, b) => b.views - a.views || b.publishedAt.localeCompare(a.publishedAt),
    );
}
