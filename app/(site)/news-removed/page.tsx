import type { Metadata } from "next";
import Link from "next/link";

// The proxy rewrites the address of a story taken off the site here, with status 410.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Article removed",
  robots: { index: false },
};

export default function ArticleRemoved() {
  return (
    <main className="page-main notice-page">
      <p className="notice-code">410</p>
      <h1 className="notice-title">This article is no longer available</h1>
      <p>It has been removed from our site.</p>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </main>
  );
}
