import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageNumber } from "@/lib/site/format";
import { isValidSlug } from "@/lib/db/slug";
import { sectionPath } from "@/lib/site/seo";
import {
  getPopular,
  getSectionPage,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { Pagination } from "../../_components/Pagination";
import { NewsRail } from "../../_components/Rail";
import { StoryList } from "../../_components/Teasers";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

async function load(props: PageProps<"/section/[slug]">) {
  const { slug } = await props.params;
  const page = pageNumber((await props.searchParams).page);
  if (!isValidSlug(slug) || page === 0) return undefined;
  return getSectionPage(slug, page);
}

export async function generateMetadata(
  props: PageProps<"/section/[slug]">,
): Promise<Metadata> {
  const data = await load(props);
  if (!data) return { title: "Page not found" };
  const title =
    data.page > 1
      ? `${data.section.name} (page ${data.page})`
      : data.section.name;
  return {
    title,
    description: `The latest ${data.section.name} news from ${siteIdentity().name}.`,
    alternates: { canonical: sectionPath(data.section.slug, data.page) },
    // A section of the desk without a story yet: a page for readers, nothing for search engines.
    ...(data.articles.length === 0 ? { robots: { index: false } } : {}),
  };
}

export default async function SectionPage(props: PageProps<"/section/[slug]">) {
  const data = await load(props);
  if (!data) notFound();
  const popular = await getPopular(5);
  const site = siteIdentity();
  const { section, page, pageCount } = data;
  return (
    <div className="page-grid">
      <main className="page-main">
        <header className="section-head">
          <h1 className="section-title">{section.name}</h1>
          {pageCount > 1 && (
            <p className="section-page-of">
              Page {page} of {pageCount}
            </p>
          )}
        </header>
        {data.articles.length === 0 ? (
          <div className="section-empty">
            <p className="section-empty-title">No stories yet</p>
            <p>
              Stories from the {section.name} desk will appear here as soon as
              they are published. In the meantime, the{" "}
              <Link href="/">front page</Link> has the latest news.
            </p>
          </div>
        ) : (
          <StoryList
            articles={data.articles}
            timeZone={siteTimeZone()}
            headingLevel={2}
            showSection={false}
          />
        )}
        <Pagination
          page={page}
          pageCount={pageCount}
          pathOf={(p) => sectionPath(section.slug, p)}
          noun="stories"
        />
      </main>
      <NewsRail popular={popular} siteName={site.name} />
    </div>
  );
}
