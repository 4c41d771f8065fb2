import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isValidSlug } from "@/lib/db/slug";
import { serverEnv } from "@/lib/env";
import {
  recordArticleView,
  renderedPage,
  resolveSlug,
  SITE_RENDER_HEADER,
  siteRenderToken,
  type RenderedPage,
} from "@/lib/site/service";

/**
 * Runs before a page renders:
 * - `/news/<slug>`: answers an old slug with a 301 to the story's current address and a story
 *   taken off the site with 410 Gone (a page cannot set those statuses itself), and counts a
 *   reader's view of a live story (here, because every request passes here exactly once).
 * - `/`, `/section/…`, `/news/…`: serves the page's HTML from the site cache when it holds it
 *   (rendering is what a busy article costs; the cache is dropped on every publish, unpublish
 *   or slug change, see lib/site/cache.ts).
 * - `/newsroom…`: sends signed-out visitors to the sign-in page, remembering where they were
 *   going. The newsroom layout checks the session again against the database.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/news/")) return article(request, path.slice(6));
  if (path === "/" || path.startsWith("/section/")) return page(request);

  const token = await getToken({
    req: request,
    secret: serverEnv().NEXTAUTH_SECRET,
  });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set(
    "callbackUrl",
    request.nextUrl.pathname + request.nextUrl.search,
  );
  return NextResponse.redirect(login);
}

function isOwnRender(request: NextRequest): boolean {
  return request.headers.get(SITE_RENDER_HEADER) === siteRenderToken();
}

async function article(request: NextRequest, slug: string) {
  // Malformed slugs and unknown stories fall through to the page, which answers 404.
  if (!isValidSlug(slug) || isOwnRender(request)) return NextResponse.next();
  const found = await resolveSlug(slug);
  switch (found.kind) {
    case "live":
      if (request.method === "GET")
        recordArticleView(found.storyId, request.headers);
      return page(request);
    case "moved": {
      const to = request.nextUrl.clone();
      to.pathname = `/news/${found.slug}`;
      return NextResponse.redirect(to, 301);
    }
    case "gone":
      return NextResponse.rewrite(new URL("/news-removed", request.url), {
        status: 410,
      });
    case "missing":
      return NextResponse.next();
  }
}

/**
 * A full-page HTML request from a browser is answered from the cache, rendering the page once
 * through this server (on loopback, marked so this proxy lets it through) on a miss. Router
 * requests (RSC payloads, prefetches) and anything but GET render as usual. Next sets PORT to
 * the port it listens on before the first request, so PORT is this server's own port.
 */
async function page(request: NextRequest) {
  const h = request.headers;
  const port = serverEnv().PORT;
  if (
    request.method !== "GET" ||
    isOwnRender(request) ||
    h.has("rsc") ||
    h.has("next-router-prefetch") ||
    h.has("next-router-state-tree") ||
    request.nextUrl.searchParams.has("_rsc")
  )
    return NextResponse.next();
  const key = request.nextUrl.pathname + request.nextUrl.search;
  const cached = await renderedPage(key, async () => {
    const response = await fetch(`http://127.0.0.1:${port}${key}`, {
      headers: {
        [SITE_RENDER_HEADER]: siteRenderToken(),
        "user-agent": "newsroom-site-cache",
      },
      redirect: "manual",
      // A render that hangs must not hold readers: they fall through to a render of their own.
      signal: AbortSignal.timeout(10_000),
    });
    const body = await response.text();
    if (response.status !== 200) return null;
    const headers: RenderedPage["headers"] = {};
    for (const name of ["content-type", "cache-control", "vary"]) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    return { body, headers };
  }).catch(() => null);
  if (!cached) return NextResponse.next();
  return new NextResponse(cached.body, {
    status: 200,
    headers: { ...cached.headers, "x-site-cache": "hit" },
  });
}

export const config = {
  matcher: [
    "/",
    "/section/:slug",
    "/news/:slug",
    "/newsroom",
    "/newsroom/:path*",
  ],
};
