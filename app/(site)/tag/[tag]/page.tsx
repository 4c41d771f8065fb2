import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageNumber } from "@/lib/site/format";
import { isValidTagSlug } from "@/lib/db/slug";
import { tagPath } from "@/lib/site/seo";
import {
  getPopular,
  getTagPage,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { Pagination } from "../../_components/Pagination";
import { NewsRail } from "../../_components/Rail";
import { StoryList } from "../../_components/Teasers";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

/** The tag slug of the address, percent-decoded ("%EB%B6%81%ED%95%9C" → "북한"), if well-formed. */
function tagOf(raw: string): string | null {
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return isValidTagSlug(slug) ? slug : null;
}

async function load(props: PageProps<"/tag/[tag]">) {
  const slug = tagOf((await props.params).tag);
  const page = pageNumber((await props.searchParams).page);
  if (!slug || page === 0) return undefined;
  return getTagPage(slug, page);
}

export async function generateMetadata(
  props: PageProps<"/tag/[tag]">,
): Promise<Metadata> {
  const data = await load(props);
  if (!data) return { title: "Page not found" };
  const title =
    data.page > 1 ? `${data.tag.name} (page ${data.page})` : data.tag.name;
  return {
    title,
    description: `Stories about ${data.tag.name} from ${siteIdentity().name}.`,
    alternates: { canonical: tagPath(data.tag.name, data.page) },
  };
}

/** The live stories carrying a tag, newest first; an unknown tag is 404. */
export default async function TagPage(props: PageProps<"/tag/[tag]">) {
  const data = await load(props);
  if (!data) notFound();
  const popular = await getPopular(5);
  const site = siteIdentity();
  const { tag, page, pageCount, total } = data;
  return (
    <div className="page-grid">
      <main className="page-main">
        <header className="section-head">
          <p className="kicker">Topic</p>
          <h1 className="section-title">{tag.name}</h1>
          <p className="section-page-of">
            {total === 1 ? "1 story" : `${total} stories`}
            {pageCount > 1 && ` · page ${page} of ${pageCount}`}
          </p>
        </header>
        <StoryList
          articles={data.articles}
          timeZone={siteTimeZone()}
          headingLevel={2}
        />
        <Pagination
          page={page}
          pageCount={pageCount}
          pathOf={(p) => tagPath(tag.name, p)!}
          noun="stories"
        />
      </main>
      <NewsRail popular={popular} siteName={site.name} />
    </div>
  );
}
