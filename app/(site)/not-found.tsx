import Link from "next/link";

/** 404 inside the site's frame (unknown article, section or page). */
export default function SiteNotFound() {
  return (
    <main className="page-main notice-page">
      <p className="notice-code">404</p>
      <h1 className="notice-title">Page not found</h1>
      <p>The page you were looking for does not exist or has moved.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </main>
  );
}
