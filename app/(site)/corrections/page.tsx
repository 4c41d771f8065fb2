import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageNumber } from "@/lib/site/format";
import { articlePath } from "@/lib/site/seo";
import {
  getCorrectionsPage,
  getPopular,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { Pagination } from "../_components/Pagination";
import { NewsRail } from "../_components/Rail";
import { PublishedTime } from "../_components/Teasers";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

function pathOf(page: number): string {
  return page > 1 ? `/corrections?page=${page}` : "/corrections";
}

async function load(props: PageProps<"/corrections">) {
  const page = pageNumber((await props.searchParams).page);
  return page === 0 ? undefined : getCorrectionsPage(page);
}

export async function generateMetadata(
  props: PageProps<"/corrections">,
): Promise<Metadata> {
  const data = await load(props);
  if (!data) return { title: "Page not found" };
  return {
    title:
      data.page > 1
        ? `Corrections and clarifications (page ${data.page})`
        : "Corrections and clarifications",
    description: `Every correction and clarification ${siteIdentity().name} has made to its articles, newest first.`,
    alternates: { canonical: pathOf(data.page) },
  };
}

/** Every correction and clarification of the site's live articles, newest first. */
export default async function CorrectionsPage(
  props: PageProps<"/corrections">,
) {
  const data = await load(props);
  if (!data) notFound();
  const popular = await getPopular(5);
  const site = siteIdentity();
  const tz = siteTimeZone();
  const { page, pageCount, total } = data;
  return (
    <div className="page-grid">
      <main className="page-main">
        <header className="section-head">
          <p className="kicker">Standards</p>
          <h1 className="section-title">Corrections and clarifications</h1>
          <p className="corrections-lede">
            When we get something wrong, we correct the article and say so at
            its foot. Every correction and clarification is listed here, newest
            first.
          </p>
          {total > 0 && (
            <p className="section-page-of">
              {total === 1 ? "1 note" : `${total} notes`}
              {pageCount > 1 && ` · page ${page} of ${pageCount}`}
            </p>
          )}
        </header>
        {data.corrections.length === 0 ? (
          <p className="site-empty">No corrections or clarifications yet.</p>
        ) : (
          <ol className="corrections-list">
            {data.corrections.map((c) => (
              <li key={c.id} className="corrections-item">
                <p className="corrections-item-meta">
                  <strong>{c.label}</strong>
                  <PublishedTime iso={c.at} timeZone={tz} />
                </p>
                <h2 className="corrections-item-headline">
                  <Link href={articlePath(c.slug)}>{c.headline}</Link>
                </h2>
                <p className="corrections-item-text">{c.text}</p>
              </li>
            ))}
          </ol>
        )}
        <Pagination page={page} pageCount={pageCount} pathOf={pathOf} />
      </main>
      <NewsRail popular={popular} siteName={site.name} />
    </div>
  );
}
