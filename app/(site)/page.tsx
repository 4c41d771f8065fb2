import Link from "next/link";
import { getStore } from "@/lib/db/store";
import { listLiveArticles } from "@/lib/db/revisions";
import { serverEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/site";

// Published stories change at any moment: read them per request.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const articles = await listLiveArticles((await getStore()).db, 30);
  const tz = serverEnv().SITE_TIMEZONE;
  return (
    <main className="site-main">
      <h1 className="visually-hidden">Latest news</h1>
      {articles.length === 0 ? (
        <p className="site-empty">Nothing has been published yet.</p>
      ) : (
        <ol className="river">
          {articles.map((a) => (
            <li key={a.id} className="river-item">
              {a.section && <p className="kicker">{a.section}</p>}
              <h2>
                <Link href={`/news/${a.slug}`}>{a.headline}</Link>
              </h2>
              {a.deck && <p className="river-deck">{a.deck}</p>}
              <p className="river-meta">
                <time dateTime={a.firstPublishedAt}>
                  {formatDateTime(a.firstPublishedAt, tz)}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
