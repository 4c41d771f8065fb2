import { randomBytes } from "node:crypto";
import { publishedContentVersion } from "../db/content-version";
import { getStore } from "../db/store";
import { insertSubscription } from "../db/subscriptions";
import { normaliseEmail } from "../db/users";
import { clientAddress } from "../client-address";
import { serverEnv, siteUrl } from "../env";
import { enforceLimit } from "../rate-limit";
import { sections as deskSections } from "../stories/sections";
import {
  findArticle,
  listArticles,
  listPopular,
  listSections,
  resolveArticleSlug,
  type Article,
  type ArticleTeaser,
  type Section,
  type SlugResolution,
} from "./articles";
import { createSiteCache, type SiteCache } from "./cache";
import { loadCorrectionsPage, type CorrectionsPage } from "./corrections";
import {
  loadHome,
  loadSectionPage,
  loadTagPage,
  type HomeData,
  type SectionPage,
  type TagPage,
} from "./fronts";
import { newsSitemap, rssFeed, sitemap, type SiteIdentity } from "./seo";
import { SUBSCRIBE_LIMITS } from "./subscriptions";
import {
  createViewCounter,
  isBotUserAgent,
  isPrefetch,
  readerKey,
  windowStart,
  type ViewCounter,
} from "./views";

/**
 * The public site's reads and writes as the app uses them: cached reads (see cache.ts),
 * view counting and subscriptions, on the process-wide store. One instance per process, kept
 * on globalThis because Next.js bundles the proxy and the pages separately: the runtime may
 * have been built by another bundle's copy of these modules, so nothing here relies on
 * `instanceof` across it (only plain data and return values cross).
 */

/** How long the Most popular list may lag behind the view counts. */
const POPULAR_TTL_MS = 30_000;

interface SiteRuntime {
  cache: SiteCache;
  /** Marks the proxy's own render requests (see renderedPage). */
  renderToken: string;
  views: ViewCounter;
}

const globalForSite = globalThis as unknown as { newsroomSite?: SiteRuntime };

function runtime(): SiteRuntime {
  globalForSite.newsroomSite ??= {
    cache: createSiteCache({
      version: async () => publishedContentVersion((await getStore()).db),
    }),
    renderToken: randomBytes(16).toString("hex"),
    views: createViewCounter(getStore),
  };
  return globalForSite.newsroomSite;
}

async function cached<T>(
  key: string,
  load: (db: Awaited<ReturnType<typeof getStore>>["db"]) => Promise<T>,
  ttlMs?: number,
): Promise<T> {
  return runtime().cache.get(
    key,
    async () => load((await getStore()).db),
    ttlMs,
  );
}

/** The site's name, public URL and language. */
export function siteIdentity(): SiteIdentity {
  const env = serverEnv();
  return { name: env.SITE_NAME, baseUrl: siteUrl(env), language: "en" };
}

/** The site's time zone for dates (SITE_TIMEZONE). */
export function siteTimeZone(): string {
  return serverEnv().SITE_TIMEZONE;
}

/** What `/news/<slug>` is (cached). */
export function resolveSlug(slug: string): Promise<SlugResolution> {
  return cached(`resolve:${slug}`, (db) => resolveArticleSlug(db, slug));
}

/** The live article at `slug` (cached). */
export function getArticle(slug: string): Promise<Article | undefined> {
  return cached(`article:${slug}`, (db) => findArticle(db, slug));
}

/** The newest live articles (cached). */
export function getLatest(limit = 10): Promise<ArticleTeaser[]> {
  return cached(`latest:${limit}`, (db) => listArticles(db, { limit }));
}

/** The most-read live articles of the last 48 hours (refreshed every 30 s). */
export function getPopular(limit = 5): Promise<ArticleTeaser[]> {
  return cached(
    `popular:${limit}`,
    (db) => listPopular(db, windowStart(new Date(), 48), limit),
    POPULAR_TTL_MS,
  );
}

/** Sections with live stories, newest first (cached). */
export function getSections(): Promise<Section[]> {
  return cached("sections", listSections);
}

/** The front page: the lead story, Latest news and section blocks (cached). */
export function getHome(): Promise<HomeData> {
  return cached("home", loadHome);
}

/**
 * Page `page` (from 1) of the section at `slug`, empty for a section of the desk's list without
 * a story; undefined when no such section or page (cached).
 */
export function getSectionPage(
  slug: string,
  page: number,
): Promise<SectionPage | undefined> {
  return cached(`section:${slug}:${page}`, (db) =>
    loadSectionPage(db, slug, page, deskSections()),
  );
}

/** Page `page` (from 1) of the live stories tagged `slug`; undefined when none (cached). */
export function getTagPage(
  slug: string,
  page: number,
): Promise<TagPage | undefined> {
  return cached(`tag:${slug}:${page}`, (db) => loadTagPage(db, slug, page));
}

/** Page `page` (from 1) of /corrections; undefined past the last (cached). */
export function getCorrectionsPage(
  page: number,
): Promise<CorrectionsPage | undefined> {
  return cached(`corrections:${page}`, (db) => loadCorrectionsPage(db, page));
}

/** `/feed.xml` (cached). */
export function getRssFeed(): Promise<string> {
  return cached("feed", async (db) =>
    rssFeed(siteIdentity(), await listArticles(db, { limit: 50 }), new Date()),
  );
}

/** `/sitemap.xml` (cached). */
export function getSitemap(): Promise<string> {
  return cached("sitemap", async (db) =>
    sitemap(
      siteIdentity(),
      await listArticles(db, { limit: 50_000 }),
      await listSections(db),
    ),
  );
}

/** `/news-sitemap.xml`: articles first published in the last 48 hours (refreshed every minute). */
export function getNewsSitemap(): Promise<string> {
  return cached(
    "news-sitemap",
    async (db) =>
      newsSitemap(
        siteIdentity(),
        await listArticles(db, {
          limit: 1000,
          since: new Date(Date.now() - 48 * 3_600_000).toISOString(),
        }),
      ),
    60_000,
  );
}

/**
 * Counts a view of a live story, at most once per reader per hour, unless the request is a
 * prefetch or comes from a robot (by User-Agent). Never throws.
 */
export function recordArticleView(storyId: string, headers: Headers): void {
  if (isPrefetch(headers) || isBotUserAgent(headers.get("user-agent"))) return;
  runtime().views.record(
    storyId,
    readerKey(headers, serverEnv().NEXTAUTH_SECRET),
  );
}

/** Writes counted views now (tests and shutdown). */
export function flushArticleViews(): Promise<void> {
  return runtime().views.flush();
}

/**
 * Subscribes `email` to the newsletter for a request with `headers`: at most 20 sign-ups per
 * client per 10 minutes and 5 per address per hour (SUBSCRIBE_LIMITS, counted in the store).
 * Throws RateLimitedError (429).
 */
export async function subscribeFromRequest(
  email: string,
  source: string | undefined,
  headers: Headers,
): Promise<{ created: boolean }> {
  const store = await getStore();
  await enforceLimit(
    store,
    SUBSCRIBE_LIMITS.client,
    clientAddress(headers),
    () => "Too many sign-ups from your connection; please try again later.",
  );
  await enforceLimit(
    store,
    SUBSCRIBE_LIMITS.email,
    normaliseEmail(email),
    () => "This address was sent too often; please try again later.",
  );
  return insertSubscription(store.db, email, source);
}

/** A page as the server rendered it, kept to answer the next readers without rendering. */
export interface RenderedPage {
  body: string;
  headers: Record<string, string>;
  /** The Content-Security-Policy nonce the page was rendered with (the proxy swaps in its own). */
  nonce: string;
}

/** Header the proxy puts on its own render requests; its value is `siteRenderToken()`. */
export const SITE_RENDER_HEADER = "x-newsroom-site-render";

/** The token that marks this process's own render requests. */
export function siteRenderToken(): string {
  return runtime().renderToken;
}

/**
 * The rendered HTML of a public page (`key` = path and query), rendering it with `render` on a
 * miss. Kept like every site read — dropped as soon as anything published changes — and for at
 * most 30 s, so Most popular on it stays current. `render` returns null for anything but a 200,
 * which is then not kept.
 */
export async function renderedPage(
  key: string,
  render: () => Promise<RenderedPage | null>,
): Promise<RenderedPage | null> {
  return runtime().cache.get(`html:${key}`, render, POPULAR_TTL_MS);
}
