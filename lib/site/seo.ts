import { tagSlug } from "../db/slug";
import type { Article, ArticleTeaser, Section } from "./articles";
import { htmlToText, imageAtWidth } from "./html";

/**
 * What search engines and feed readers get: NewsArticle JSON-LD, RSS 2.0, the sitemap and a
 * Google News sitemap. Everything takes absolute URLs from `baseUrl` (the public site URL).
 */

/** The site as the outside world names it. */
export interface SiteIdentity {
  name: string;
  /** Public base URL, without a trailing slash. */
  baseUrl: string;
  /** BCP 47 language of the articles. */
  language: string;
}

/** Absolute URL of a site path. */
export function absoluteUrl(site: SiteIdentity, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${site.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
}

/** The canonical path of an article. */
export function articlePath(slug: string): string {
  return `/news/${slug}`;
}

/** The path of a section's page (`page` 1 has no query). */
export function sectionPath(slug: string, page = 1): string {
  return page > 1 ? `/section/${slug}?page=${page}` : `/section/${slug}`;
}

/** The path of a tag's page (`page` 1 has no query); null for a tag without a slug. */
export function tagPath(tag: string, page = 1): string | null {
  const slug = tagSlug(tag);
  if (!slug) return null;
  const path = `/tag/${encodeURIComponent(slug)}`;
  return page > 1 ? `${path}?page=${page}` : path;
}

/** A one-paragraph description: the deck, else the start of the text (at most 200 characters). */
export function articleDescription(article: Article): string {
  const source =
    article.deck.trim() ||
    htmlToText(article.bodyHtml.replace(/<figure\b[\s\S]*?<\/figure>/g, ""));
  if (source.length <= 200) return source;
  const cut = source.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 150))}…`;
}

/** The article's title in search results and the browser: the desk's SEO title, else the headline. */
export function searchTitle(article: Article): string {
  return article.searchSocial.seoTitle ?? article.headline;
}

/** What a shared link shows: the desk's social headline and description, else headline and description. */
export function socialCard(article: Article): {
  title: string;
  description: string;
} {
  return {
    title: article.searchSocial.socialHeadline ?? article.headline,
    description:
      article.searchSocial.socialDescription ?? articleDescription(article),
  };
}

/** schema.org NewsArticle for an article page (serialise with `jsonLdScript`). */
export function newsArticleJsonLd(
  site: SiteIdentity,
  article: Article,
): Record<string, unknown> {
  const url = absoluteUrl(site, articlePath(article.slug));
  const image = article.image
    ? [absoluteUrl(site, imageAtWidth(article.image, 1200))]
    : undefined;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: searchTitle(article),
    ...(searchTitle(article) !== article.headline
      ? { alternativeHeadline: article.headline }
      : {}),
    ...(article.deck ? { description: article.deck } : {}),
    ...(image ? { image } : {}),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    ...(article.section ? { articleSection: article.section } : {}),
    ...(article.tags.length ? { keywords: article.tags.join(", ") } : {}),
    inLanguage: site.language,
    wordCount: article.wordCount,
    ...(article.corrections.length
      ? {
          correction: article.corrections.map((c) => ({
            "@type": "CorrectionComment",
            name: c.label,
            text: c.text,
            datePublished: c.at,
          })),
        }
      : {}),
    author: article.bylines.map((b) => ({
      "@type": "Person",
      name: b.name,
      ...(b.email ? { email: b.email } : {}),
    })),
    publisher: {
      "@type": "NewsMediaOrganization",
      name: site.name,
      url: site.baseUrl,
    },
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` is escaped so no headline can close
 * the script element.
 */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Escapes text for XML character data and attribute values. */
export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Characters XML 1.0 forbids, even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
  );
}

/** RSS 2.0 of the newest articles (with `atom:link rel=self`, as validators ask). */
export function rssFeed(
  site: SiteIdentity,
  articles: ArticleTeaser[],
  now: Date,
): string {
  const self = absoluteUrl(site, "/feed.xml");
  const items = articles.map((a) => {
    const url = absoluteUrl(site, articlePath(a.slug));
    const image = a.image
      ? `\n      <media:content url="${xmlEscape(absoluteUrl(site, imageAtWidth(a.image, 960)))}" medium="image" type="${imageType(a.image.src)}"/>`
      : "";
    return `    <item>
      <title>${xmlEscape(a.headline)}</title>
      <link>${xmlEscape(url)}</link>
      <guid isPermaLink="false">${xmlEscape(a.storyId)}</guid>
      <pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>${
        a.deck ? `\n      <description>${xmlEscape(a.deck)}</description>` : ""
      }${a.section ? `\n      <category>${xmlEscape(a.section)}</category>` : ""}${image}
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>${xmlEscape(site.name)}</title>
    <link>${xmlEscape(site.baseUrl + "/")}</link>
    <description>${xmlEscape(`Latest news from ${site.name}`)}</description>
    <language>${xmlEscape(site.language)}</language>
    <lastBuildDate>${now.toUTCString()}</lastBuildDate>
    <atom:link href="${xmlEscape(self)}" rel="self" type="application/rss+xml"/>
${items.join("\n")}
  </channel>
</rss>
`;
}

function imageType(src: string): string {
  const ext = src.slice(src.lastIndexOf(".") + 1).toLowerCase();
  return (
    {
      jpg: "image/jpeg",
      jpeg: "image/jpeg",
      png: "image/png",
      webp: "image/webp",
      gif: "image/gif",
    }[ext] ?? "image/jpeg"
  );
}

/** The sitemap: home, every section and every live article. */
export function sitemap(
  site: SiteIdentity,
  articles: ArticleTeaser[],
  sections: Section[],
): string {
  const urls = [
    { loc: absoluteUrl(site, "/"), lastmod: articles[0]?.updatedAt },
    ...sections.map((s) => ({
      loc: absoluteUrl(site, sectionPath(s.slug)),
      lastmod: s.latestAt || undefined,
    })),
    ...articles.map((a) => ({
      loc: absoluteUrl(site, articlePath(a.slug)),
      lastmod: a.updatedAt,
    })),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls
  .map(
    (u) =>
      `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlEscape(u.lastmod)}</lastmod>` : ""}</url>`,
  )
  .join("\n")}
</urlset>
`;
}

/** A Google News sitemap of `articles` (the caller passes those of the last 48 hours). */
export function newsSitemap(
  site: SiteIdentity,
  articles: ArticleTeaser[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${articles
  .map(
    (a) => `  <url>
    <loc>${xmlEscape(absoluteUrl(site, articlePath(a.slug)))}</loc>
    <news:news>
      <news:publication>
        <news:name>${xmlEscape(site.name)}</news:name>
        <news:language>${xmlEscape(site.language)}</news:language>
      </news:publication>
      <news:publication_date>${xmlEscape(a.publishedAt)}</news:publication_date>
      <news:title>${xmlEscape(a.headline)}</news:title>
    </news:news>
  </url>`,
  )
  .join("\n")}
</urlset>
`;
}
