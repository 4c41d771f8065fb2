import { siteIdentity } from "@/lib/site/service";
import { otherMethods } from "@/lib/http-methods";

// The sitemap URLs depend on SITE_URL at run time.
export const dynamic = "force-dynamic";

/** Lets robots read the site, not the newsroom or the API, and points them at the sitemaps. */
export function GET(): Response {
  const base = siteIdentity().baseUrl;
  return new Response(
    [
      "User-agent: *",
      "Disallow: /newsroom",
      "Disallow: /api/",
      "Disallow: /login",
      "",
      `Sitemap: ${base}/sitemap.xml`,
      `Sitemap: ${base}/news-sitemap.xml`,
      "",
    ].join("\n"),
    { headers: { "content-type": "text/plain; charset=utf-8" } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
