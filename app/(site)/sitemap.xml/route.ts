import { getSitemap } from "@/lib/site/service";
import { otherMethods } from "@/lib/http-methods";

// Built from the store at request time (cached in the site cache), never at build time.
export const dynamic = "force-dynamic";

/** The sitemap: home, sections and every live article. */
export async function GET(): Promise<Response> {
  return new Response(await getSitemap(), {
    headers: {
      "content-type": "application/xml; charset=utf-8",
      "cache-control": "public, max-age=300",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
