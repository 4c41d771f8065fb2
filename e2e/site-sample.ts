/** The demo site's sample article, and requests the site journeys make about it. */
import http from "node:http";
import { expect, type APIRequestContext } from "@playwright/test";

export const SLUG =
  "north-korea-sends-troops-to-support-russia-in-ukraine-war-nis";
export const ARTICLE = `/news/${SLUG}`;
export const HEADLINE =
  "North Korea sends troops to support Russia in Ukraine war: NIS";
export const CHROME_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

/** GETs `address` from the local address `from` (a connection's own peer); resolves its status. */
export function getFrom(
  from: string,
  base: string,
  address: string,
  userAgent: string,
): Promise<number> {
  const url = new URL(address, base);
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname,
        localAddress: from,
        headers: { "user-agent": userAgent },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
  });
}

/** The id of the story at `slug`, from the newsroom API. */
export async function storyIdOf(request: APIRequestContext, slug: string) {
  const response = await request.get("/api/stories?limit=500");
  expect(response.ok()).toBe(true);
  const { stories } = (await response.json()) as {
    stories: Array<{ id: string; slug: string }>;
  };
  const story = stories.find((s) => s.slug === slug);
  expect(story).toBeDefined();
  return story!.id;
}
