import type { Kysely } from "kysely";
import {
  countLiveArticles,
  countLiveArticlesByTag,
  listLiveArticlesByTag,
} from "../db/live-articles";
import type { Database } from "../db/schema";
import {
  listArticles,
  listSections,
  sectionSlug,
  toTeaser,
  type ArticleTeaser,
  type Section,
} from "./articles";

/**
 * The site's fronts, read on a db handle: the home page, a section's pages and a tag's pages.
 * Caching is the caller's (service.ts).
 */

/** Stories on a section or tag page. */
export const FRONT_PAGE_SIZE = 10;

/** The front page's content. */
export interface HomeData {
  lead: ArticleTeaser | null;
  /** Newest first, without the lead. */
  latest: ArticleTeaser[];
  /** Each section's newest stories not already on the page; sections with none are left out. */
  sections: Array<{ section: Section; articles: ArticleTeaser[] }>;
}

const LATEST_ON_HOME = 8;
const PER_SECTION_BLOCK = 4;

/**
 * The front page: the lead story (the newest with a photo), Latest news and blocks of up to six
 * sections. A story appears once: a block shows its section's newest stories that are neither
 * the lead nor in Latest news.
 */
export async function loadHome(db: Kysely<Database>): Promise<HomeData> {
  const newest = await listArticles(db, { limit: 30 });
  const lead = newest.find((a) => a.image) ?? newest[0] ?? null;
  const latest = newest.filter((a) => a !== lead).slice(0, LATEST_ON_HOME);
  const shown = new Set([lead, ...latest].map((a) => a?.storyId));
  const sections = (await listSections(db)).slice(0, 6);
  const blocks = await Promise.all(
    sections.map(async (section) => ({
      section,
      articles: (
        await listArticles(db, {
          section: section.name,
          // Enough that the block is full even when every shown story is in this section.
          limit: shown.size + PER_SECTION_BLOCK,
        })
      )
        .filter((a) => !shown.has(a.storyId))
        .slice(0, PER_SECTION_BLOCK),
    })),
  );
  return {
    lead,
    latest,
    sections: blocks.filter((b) => b.articles.length > 0),
  };
}

/** One page of a section. */
export interface SectionPage {
  section: Section;
  articles: ArticleTeaser[];
  page: number;
  pageCount: number;
}

/**
 * Page `page` (from 1) of the section at `slug`. A section of the desk's list (`deskSections`)
 * without a live story has one empty page; undefined for any other section, or a page past the
 * last.
 */
export async function loadSectionPage(
  db: Kysely<Database>,
  slug: string,
  page: number,
  deskSections: readonly string[],
): Promise<SectionPage | undefined> {
  const section = (await listSections(db)).find((s) => s.slug === slug);
  if (!section) {
    const name = deskSections.find((s) => sectionSlug(s) === slug);
    if (!name || page !== 1) return undefined;
    return {
      section: { name, slug, count: 0, latestAt: "" },
      articles: [],
      page: 1,
      pageCount: 1,
    };
  }
  const total = await countLiveArticles(db, section.name);
  const pageCount = Math.max(1, Math.ceil(total / FRONT_PAGE_SIZE));
  if (page < 1 || page > pageCount) return undefined;
  const articles = await listArticles(db, {
    section: section.name,
    limit: FRONT_PAGE_SIZE,
    offset: (page - 1) * FRONT_PAGE_SIZE,
  });
  return { section, articles, page, pageCount };
}

/** One page of the live stories carrying a tag. */
export interface TagPage {
  /** The tag as the newest story carrying it writes it, and its slug. */
  tag: { name: string; slug: string };
  articles: ArticleTeaser[];
  /** Live stories carrying the tag. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Page `page` (from 1) of the live stories carrying the tag `slug` (lib/db/slug.ts tagSlug),
 * newest first; undefined when no live story carries it or the page is past the last.
 */
export async function loadTagPage(
  db: Kysely<Database>,
  slug: string,
  page: number,
): Promise<TagPage | undefined> {
  const total = await countLiveArticlesByTag(db, slug);
  const pageCount = Math.ceil(total / FRONT_PAGE_SIZE);
  if (page < 1 || page > pageCount) return undefined;
  const rows = await listLiveArticlesByTag(db, slug, {
    limit: FRONT_PAGE_SIZE,
    offset: (page - 1) * FRONT_PAGE_SIZE,
  });
  if (rows.length === 0) return undefined;
  // The newest spelling: on page 1 the first row; further pages ask for it.
  const newest =
    page === 1
      ? rows[0]!
      : (await listLiveArticlesByTag(db, slug, { limit: 1 }))[0]!;
  return {
    tag: { name: newest.tag_name, slug },
    articles: rows.map(toTeaser),
    total,
    page,
    pageCount,
  };
}
