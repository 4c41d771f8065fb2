import { getRssFeed } from "@/lib/site/service";
import { otherMethods } from "@/lib/http-methods";

// Built from the store at request time (cached in the site cache), never at build time.
export const dynamic = "force-dynamic";

/** RSS 2.0 of the newest 50 articles. */
export async function GET(): Promise<Response> {
  return new Response(await getRssFeed(), {
    headers: {
      "content-type": "application/rss+xml; charset=utf-8",
      "cache-control": "public, max-age=60",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
