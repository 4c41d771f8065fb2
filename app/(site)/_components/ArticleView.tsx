import Link from "next/link";
import type { ReactNode } from "react";
import { scriptLanguage } from "@/lib/db/slug";
import type { Article, ArticleTeaser } from "@/lib/site/articles";
import {
  absoluteUrl,
  articlePath,
  jsonLdScript,
  newsArticleJsonLd,
  sectionPath,
  tagPath,
  type SiteIdentity,
} from "@/lib/site/seo";
import { ArticleBody } from "./ArticleBody";
import { Corrections } from "./Corrections";
import { LatestNews, NewsRail } from "./Rail";
import { ShareLinks } from "./ShareLinks";
import { PublishedTime } from "./Teasers";

/**
 * An article as readers see it, with the rail beside it: the live page, and a preview of a
 * draft (with `notice` above it) rendered by the same code.
 */
export function ArticleView({
  article,
  site,
  timeZone: tz,
  popular,
  latest,
  notice,
}: {
  article: Article;
  site: SiteIdentity;
  timeZone: string;
  popular: ArticleTeaser[];
  latest: ArticleTeaser[];
  notice?: ReactNode;
}) {
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
        {notice}
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
          <Corrections corrections={article.corrections} timeZone={tz} />
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
      <NewsRail popular={popular} siteName={site.name}>
        <LatestNews articles={latest} timeZone={tz} />
      </NewsRail>
    </div>
  );
}
