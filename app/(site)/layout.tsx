import Link from "next/link";
import { serverEnv } from "@/lib/env";
import "./site.css";

export default function SiteLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const siteName = serverEnv().SITE_NAME;
  return (
    <div className="site" id="top">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="masthead">
        <div className="masthead-inner">
          <Link href="/" className="masthead-title">
            {siteName}
          </Link>
        </div>
      </header>
      <div id="content">{children}</div>
      <footer className="site-footer">
        <div className="site-footer-inner">
          <span>
            © {new Date().getFullYear()} {siteName}
          </span>
          <Link href="/newsroom">Newsroom sign-in</Link>
        </div>
      </footer>
    </div>
  );
}
