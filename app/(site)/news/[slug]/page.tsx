import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isValidSlug, scriptLanguage } from "@/lib/db/slug";
import { imageAtWidth } from "@/lib/site/html";
import {
  absoluteUrl,
  articleDescription,
  articlePath,
  jsonLdScript,
  newsArticleJsonLd,
  sectionPath,
  tagPath,
} from "@/lib/site/seo";
import {
  getArticle,
  getLatest,
  getPopular,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { ArticleBody } from "../../_components/ArticleBody";
import { LatestNews, MostPopular, SubscribeBox } from "../../_components/Rail";
import { ShareLinks } from "../../_components/ShareLinks";
import { PublishedTime } from "../../_components/Teasers";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

async function load(slug: string) {
  return isValidSlug(slug) ? getArticle(slug) : undefined;
}

export async function generateMetadata({
  params,
}: PageProps<"/news/[slug]">): Promise<Metadata> {
  const article = await load((await params).slug);
  if (!article) return { title: "Page not found" };
  const site = siteIdentity();
  const description = articleDescription(article);
  const image = article.image
    ? {
        url: imageAtWidth(article.image, 1200),
        alt: article.image.alt,
        ...(article.image.width && article.image.height
          ? {
              width: Math.min(article.image.width, 1600),
              height: Math.round(
                (article.image.height * Math.min(article.image.width, 1600)) /
                  article.image.width,
              ),
            }
          : {}),
      }
    : undefined;
  return {
    title: article.headline,
    description,
    alternates: { canonical: articlePath(article.slug) },
    authors: article.bylines.map((b) => ({ name: b.name })),
    keywords: article.tags,
    openGraph: {
      type: "article",
      url: articlePath(article.slug),
      siteName: site.name,
      title: article.headline,
      description,
      locale: "en_US",
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section ?? undefined,
      tags: article.tags,
      authors: article.bylines.map((b) => b.name),
      images: image ? [image] : undefined,
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: article.headline,
      description,
      images: image ? [{ url: image.url, alt: image.alt }] : undefined,
    },
  };
}

export default async function ArticlePage({
  params,
}: PageProps<"/news/[slug]">) {
  const article = await load((await params).slug);
  if (!article) notFound();
  const [popular, latest] = await Promise.all([getPopular(5), getLatest(6)]);
  const site = siteIdentity();
  const tz = siteTimeZone();
  const updated = article.updatedAt !== article.publishedAt;
  // One link per tag page ("Food" and "food" are one tag).
  const tags = [
    ...new Map(
      article.tags.flatMap((name) => {
        const href = tagPath(name);
        return href ? [[href, { name, href }] as const] : [];
      }),
    ).values(),
  ];
  return (
    <div className="page-grid">
      <main className="page-main">
        {/* Korean, Japanese or Chinese stories say so, for screen readers and font choice. */}
        <article
          className="article"
          aria-labelledby="headline"
          lang={
            scriptLanguage(`${article.headline} ${article.deck}`) ?? undefined
          }
        >
          <script
            type="application/ld+json"
            // JSON-LD built on the server; jsonLdScript escapes "<" so it cannot end the script.
            dangerouslySetInnerHTML={{
              __html: jsonLdScript(newsArticleJsonLd(site, article)),
            }}
          />
          <header className="article-head">
            {article.section && article.sectionSlug && (
              <p className="kicker">
                <Link href={sectionPath(article.sectionSlug)}>
                  {article.section}
                </Link>
              </p>
            )}
            <h1 id="headline" className="article-headline">
              {article.headline}
            </h1>
            {article.deck && <p className="article-deck">{article.deck}</p>}
            <p className="article-dates">
              <span>
                Published :{" "}
                <PublishedTime iso={article.publishedAt} timeZone={tz} />
              </span>
              {updated && (
                <span>
                  Updated :{" "}
                  <PublishedTime iso={article.updatedAt} timeZone={tz} />
                </span>
              )}
            </p>
            <ShareLinks
              url={absoluteUrl(site, articlePath(article.slug))}
              title={article.headline}
            />
          </header>
          <ArticleBody html={article.bodyHtml} dateline={article.dateline} />
          {article.correctionNote && (
            <p className="article-correction">
              <strong>Correction:</strong> {article.correctionNote}
            </p>
          )}
          {article.bylines.length > 0 && (
            <p className="article-byline">
              By{" "}
              {article.bylines.map((b, i) => (
                <span key={`${b.name}-${i}`}>
                  {i > 0 && (i === article.bylines.length - 1 ? " and " : ", ")}
                  {b.name}
                  {b.email && (
                    <>
                      {" "}
                      (<a href={`mailto:${b.email}`}>{b.email}</a>)
                    </>
                  )}
                </span>
              ))}
            </p>
          )}
          {tags.length > 0 && (
            <nav className="article-tags" aria-label="Tags">
              <ul>
                {tags.map((tag) => (
                  <li key={tag.href}>
                    <Link href={tag.href}>{tag.name}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <p className="article-print-url">
            {absoluteUrl(site, articlePath(article.slug))}
          </p>
          <p className="back-to-top">
            <a href="#top">Back to top</a>
          </p>
        </article>
      </main>
      <aside className="rail" aria-label="More news">
        <MostPopular articles={popular} />
        <LatestNews articles={latest} timeZone={tz} />
        <SubscribeBox siteName={site.name} />
      </aside>
    </div>
  );
}
