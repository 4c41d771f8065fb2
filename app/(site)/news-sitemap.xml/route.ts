import { getNewsSitemap } from "@/lib/site/service";
import { otherMethods } from "@/lib/http-methods";

// Built from the store at request time (cached in the site cache), never at build time.
export const dynamic = "force-dynamic";

/** The Google News sitemap: articles first published in the last 48 hours. */
export async function GET(): Promise<Response> {
  return new Response(await getNewsSitemap(), {
    headers: {
      "content-type": "application/xml; charset=utf-8",
      "cache-control": "public, max-age=60",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
