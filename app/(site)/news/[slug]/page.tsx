import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getStore } from "@/lib/db/store";
import { findLiveArticleBySlug } from "@/lib/db/revisions";
import { isValidSlug } from "@/lib/db/slug";
import { serverEnv } from "@/lib/env";
import { formatDateTime, parseBylines } from "@/lib/site";

export const dynamic = "force-dynamic";

async function loadArticle(slug: string) {
  if (!isValidSlug(slug)) return undefined;
  return findLiveArticleBySlug((await getStore()).db, slug);
}

export async function generateMetadata({
  params,
}: PageProps<"/news/[slug]">): Promise<Metadata> {
  const article = await loadArticle((await params).slug);
  if (!article) return { title: "Not found" };
  return { title: article.headline, description: article.deck || undefined };
}

export default async function ArticlePage({
  params,
}: PageProps<"/news/[slug]">) {
  const article = await loadArticle((await params).slug);
  if (!article) notFound();
  const tz = serverEnv().SITE_TIMEZONE;
  const bylines = parseBylines(article.bylines);
  const updated = article.published_at !== article.firstPublishedAt;
  return (
    <main className="site-main">
      <article className="article">
        <header className="article-head">
          {article.section && <p className="kicker">{article.section}</p>}
          <h1 className="article-headline">{article.headline}</h1>
          {article.deck && <p className="article-deck">{article.deck}</p>}
          <p className="article-dates">
            Published{" "}
            <time dateTime={article.firstPublishedAt}>
              {formatDateTime(article.firstPublishedAt, tz)}
            </time>
            {updated && (
              <>
                {" · "}Updated{" "}
                <time dateTime={article.published_at}>
                  {formatDateTime(article.published_at, tz)}
                </time>
              </>
            )}
          </p>
        </header>
        {/* Rendered on the server from the stored document with the shared schema; never client HTML. */}
        <div
          className="article-body"
          dangerouslySetInnerHTML={{ __html: article.body_html }}
        />
        {bylines.length > 0 && (
          <p className="article-byline">
            By{" "}
            {bylines.map((b, i) => (
              <span key={`${b.name}-${i}`}>
                {i > 0 && (i === bylines.length - 1 ? " and " : ", ")}
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
        <p className="back-to-top">
          <a href="#top">Back to top</a>
        </p>
      </article>
    </main>
  );
}
