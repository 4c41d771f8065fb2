import type { Metadata } from "next";
import Link from "next/link";
import { getSections, siteIdentity, siteTimeZone } from "@/lib/site/service";
import { formatLongDate } from "@/lib/site/format";
import "./site.css";
import "./site-pages.css";
import "./site-article.css";
import "./site-desk.css";
// After site.css: its rules for the article outrank `.site a` and the like, as they did there.
import "./_components/article.css";
// Last: on paper it overrides the screen's type sizes.
import "./site-print.css";

export async function generateMetadata(): Promise<Metadata> {
  const site = siteIdentity();
  return {
    metadataBase: new URL(site.baseUrl),
    title: { default: site.name, template: `%s | ${site.name}` },
    description: `News from ${site.name}.`,
    alternates: {
      types: {
        "application/rss+xml": [{ url: "/feed.xml", title: site.name }],
      },
    },
  };
}

/** The public site's frame: masthead, section navigation, footer. */
export default async function SiteLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const site = siteIdentity();
  const sections = await getSections();
  const today = formatLongDate(new Date(), siteTimeZone());
  // "Saturday, December 5, 2026": the weekday gives way on a phone (site-pages.css).
  const weekdayEnd = today.indexOf(", ") < 0 ? 0 : today.indexOf(", ") + 2;
  return (
    <div className="site" id="top">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead-bar">
          <div className="site-width masthead-bar-inner">
            <span className="masthead-date">
              <span className="masthead-weekday">
                {today.slice(0, weekdayEnd)}
              </span>
              {today.slice(weekdayEnd)}
            </span>
            <span className="masthead-links">
              <a href="#subscribe">Subscribe</a>
              <Link href="/newsroom" prefetch={false}>
                Newsroom sign-in
              </Link>
            </span>
          </div>
        </div>
        <div className="site-width masthead-title-row">
          <Link href="/" className="masthead-title">
            {site.name}
          </Link>
        </div>
        <nav className="section-nav" aria-label="Sections">
          <ul className="site-width section-nav-list">
            <li>
              <Link href="/">Home</Link>
            </li>
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={`/section/${s.slug}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div id="content" className="site-width site-content" tabIndex={-1}>
        {children}
      </div>
      <footer className="site-footer">
        <div className="site-width site-footer-inner">
          <p className="site-footer-name">{site.name}</p>
          <ul className="site-footer-links">
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
            <li>
              <a href="/sitemap.xml">Sitemap</a>
            </li>
            <li>
              <Link href="/corrections">Corrections</Link>
            </li>
            <li>
              <Link href="/newsroom" prefetch={false}>
                Newsroom sign-in
              </Link>
            </li>
          </ul>
          <p className="site-footer-copy">
            © {new Date().getFullYear()} {site.name}. All rights reserved.
          </p>
        </div>
      </footer>
    </div>
  );
}
