import Link from "next/link";
import type { ReactNode } from "react";
import type { ArticleTeaser } from "@/lib/site/articles";
import { articlePath } from "@/lib/site/seo";
import { PublishedTime } from "./Teasers";
import { SubscribeForm } from "./SubscribeForm";

/** "Most popular": the most-read stories of the last 48 hours, ranked. */
export function MostPopular({ articles }: { articles: ArticleTeaser[] }) {
  return (
    <section className="rail-box" aria-labelledby="most-popular">
      <h2 id="most-popular" className="rail-title">
        Most popular
      </h2>
      {articles.length === 0 ? (
        <p className="rail-empty">Reading figures appear here soon.</p>
      ) : (
        <ol className="popular-list">
          {articles.map((a) => (
            <li key={a.storyId}>
              <Link href={articlePath(a.slug)}>{a.headline}</Link>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Latest news": the newest stories with their time. */
export function LatestNews({
  articles,
  timeZone,
}: {
  articles: ArticleTeaser[];
  timeZone: string;
}) {
  return (
    <section className="rail-box" aria-labelledby="latest-news">
      <h2 id="latest-news" className="rail-title">
        Latest news
      </h2>
      <ul className="latest-list">
        {articles.map((a) => (
          <li key={a.storyId}>
            <Link href={articlePath(a.slug)}>{a.headline}</Link>
            <span className="latest-time">
              <PublishedTime iso={a.publishedAt} timeZone={timeZone} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The newsletter box. */
export function SubscribeBox({ siteName }: { siteName: string }) {
  return (
    <section
      className="rail-box subscribe-box"
      id="subscribe"
      aria-labelledby="subscribe-title"
    >
      <h2 id="subscribe-title" className="rail-title">
        Subscribe
      </h2>
      <p className="subscribe-pitch">
        The day&apos;s top stories from {siteName}, in your inbox every morning.
      </p>
      <SubscribeForm />
    </section>
  );
}

/** The column beside a page: the most popular stories, what the page adds, the subscribe box. */
export function NewsRail({
  popular,
  siteName,
  children,
}: {
  popular: ArticleTeaser[];
  siteName: string;
  children?: ReactNode;
}) {
  return (
    <aside className="rail" aria-label="More news">
      <MostPopular articles={popular} />
      {children}
      <SubscribeBox siteName={siteName} />
    </aside>
  );
}
