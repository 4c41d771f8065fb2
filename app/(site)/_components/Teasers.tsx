import Link from "next/link";
import type { ArticleTeaser } from "@/lib/site/articles";
import { IMAGE_SIZES } from "@/lib/site/html";
import { articlePath, sectionPath } from "@/lib/site/seo";
import { formatDateTime } from "@/lib/site/format";
import { Picture } from "./Picture";

/** Publication date and time in the site's time zone. */
export function PublishedTime({
  iso,
  timeZone,
}: {
  iso: string;
  timeZone: string;
}) {
  return <time dateTime={iso}>{formatDateTime(iso, timeZone)}</time>;
}

/** The red section label above a headline, linking to the section. */
export function Kicker({ article }: { article: ArticleTeaser }) {
  if (!article.section || !article.sectionSlug) return null;
  return (
    <p className="kicker">
      <Link href={sectionPath(article.sectionSlug)}>{article.section}</Link>
    </p>
  );
}

/**
 * A list of stories with a small photo beside each headline, as on a section front.
 * `headingLevel` keeps the page's heading order.
 */
export function StoryList({
  articles,
  timeZone,
  headingLevel,
  showSection = true,
}: {
  articles: ArticleTeaser[];
  timeZone: string;
  headingLevel: 2 | 3;
  showSection?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="story-list">
      {articles.map((a) => (
        <li key={a.storyId} className="story-list-item">
          <div className="story-list-text">
            {showSection && <Kicker article={a} />}
            <Heading className="story-list-headline">
              <Link href={articlePath(a.slug)}>{a.headline}</Link>
            </Heading>
            {a.summary && <p className="story-list-deck">{a.summary}</p>}
            <p className="story-meta">
              <PublishedTime iso={a.publishedAt} timeZone={timeZone} />
            </p>
          </div>
          {a.image && (
            <Link
              href={articlePath(a.slug)}
              className="story-list-photo"
              tabIndex={-1}
              aria-hidden="true"
            >
              <Picture image={a.image} sizes={IMAGE_SIZES.thumb} alt="" />
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
