import Link from "next/link";
import { IMAGE_SIZES } from "@/lib/site/html";
import { articlePath, sectionPath } from "@/lib/site/seo";
import {
  getHome,
  getPopular,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { Picture } from "./_components/Picture";
import { NewsRail } from "./_components/Rail";
import { Kicker, PublishedTime, StoryList } from "./_components/Teasers";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const [home, popular] = await Promise.all([getHome(), getPopular(5)]);
  const site = siteIdentity();
  const tz = siteTimeZone();
  const lead = home.lead;
  return (
    <div className="page-grid">
      <main className="page-main">
        <h1 className="visually-hidden">{site.name}: the latest news</h1>
        {!lead ? (
          <p className="site-empty">Nothing has been published yet.</p>
        ) : (
          <>
            <article className="home-lead" aria-labelledby="lead-headline">
              {lead.image && (
                <Link
                  href={articlePath(lead.slug)}
                  className="home-lead-photo"
                  tabIndex={-1}
                  aria-hidden="true"
                >
                  <Picture
                    image={lead.image}
                    sizes={IMAGE_SIZES.lead}
                    alt=""
                    eager
                  />
                </Link>
              )}
              <div className="home-lead-text">
                <Kicker article={lead} />
                <h2 id="lead-headline" className="home-lead-headline">
                  <Link href={articlePath(lead.slug)}>{lead.headline}</Link>
                </h2>
                {lead.summary && (
                  <p className="home-lead-deck">{lead.summary}</p>
                )}
                <p className="story-meta">
                  <PublishedTime iso={lead.publishedAt} timeZone={tz} />
                </p>
              </div>
            </article>

            {home.latest.length > 0 && (
              <section className="home-block" aria-labelledby="home-latest">
                <h2 id="home-latest" className="block-title">
                  Latest news
                </h2>
                <StoryList
                  articles={home.latest}
                  timeZone={tz}
                  headingLevel={3}
                />
              </section>
            )}

            {home.sections.map(({ section, articles }) => (
              <section
                key={section.slug}
                className="home-block"
                aria-labelledby={`home-section-${section.slug}`}
              >
                <h2 id={`home-section-${section.slug}`} className="block-title">
                  <Link href={sectionPath(section.slug)}>{section.name}</Link>
                </h2>
                <StoryList
                  articles={articles}
                  timeZone={tz}
                  headingLevel={3}
                  showSection={false}
                />
              </section>
            ))}
          </>
        )}
      </main>
      <NewsRail popular={popular} siteName={site.name} />
    </div>
  );
}
