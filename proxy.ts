import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isValidSlug } from "@/lib/db/slug";
import { noSuchAddress } from "@/lib/http";
import { requestIsHttps } from "@/lib/client-address";
import { serverEnv } from "@/lib/env";
import {
  baseSecurityHeaders,
  collabConnectSources,
  contentSecurityPolicy,
  newNonce,
  nonceOf,
} from "@/lib/security-headers";
import {
  recordArticleView,
  renderedPage,
  resolveSlug,
  SITE_RENDER_HEADER,
  siteRenderToken,
  type RenderedPage,
} from "@/lib/site/service";

/**
 * Runs before every page and route (not before Next's static files):
 * - every response gets the security headers (lib/security-headers.ts), pages a
 *   Content-Security-Policy with a nonce of their own that Next.js puts on its scripts;
 * - `/news/<slug>`: answers an old slug with a 301 to the story's current address and a story
 *   taken off the site with 410 Gone (a page cannot set those statuses itself), and counts a
 *   reader's view of a live story (here, because every request passes here exactly once).
 * - `/`, `/corrections`, `/section/…`, `/tag/…`, `/news/…`: serves the page's HTML from the site cache when it holds it
 *   (rendering is what a busy article costs; the cache is dropped on every publish, unpublish
 *   or slug change, see lib/site/cache.ts). The cached HTML carries the nonce of its render,
 *   replaced by this response's own.
 * - `/newsroom…`: sends signed-out visitors to the sign-in page, remembering where they were
 *   going. The newsroom layout checks the session again against the database.
 * - a path that does not decode is its area's 404 (Next.js's router would answer 500), in the
 *   newsroom once signed in.
 */
export async function proxy(request: NextRequest) {
  const env = serverEnv();
  const https = requestIsHttps(request.headers);
  const policy = contentSecurityPolicy({
    nonce: newNonce(),
    connectSources: collabConnectSources(
      request.headers.get("host"),
      env.COLLAB_PORT,
      env.COLLAB_PUBLIC_URL,
    ),
    development: env.NODE_ENV === "development",
    https,
  });
  const response = await route(request, policy);
  for (const [name, value] of Object.entries(
    baseSecurityHeaders({ path: request.nextUrl.pathname, https }),
  ))
    response.headers.set(name, value);
  // A cached page answered below already carries its own policy (with its own nonce).
  if (!response.headers.has("content-security-policy"))
    response.headers.set("content-security-policy", policy);
  return response;
}

/** Lets the request through to its page or route, telling Next.js the policy (and its nonce). */
function forward(request: NextRequest, policy: string): NextResponse {
  return NextResponse.next({
    request: { headers: withPolicy(request, policy) },
  });
}

function withPolicy(request: NextRequest, policy: string): Headers {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  return headers;
}

async function route(request: NextRequest, policy: string) {
  const path = request.nextUrl.pathname;
  const inNewsroom = path === "/newsroom" || path.startsWith("/newsroom/");
  if (!inNewsroom && !isDecodable(path)) return undecodable(request, policy);
  if (path.startsWith("/news/")) return article(request, path.slice(6), policy);
  if (
    path === "/" ||
    path === "/corrections" ||
    path.startsWith("/section/") ||
    path.startsWith("/tag/")
  )
    return page(request, policy);
  if (!inNewsroom) return forward(request, policy);

  const token = await getToken({
    req: request,
    secret: serverEnv().NEXTAUTH_SECRET,
  });
  if (token)
    return isDecodable(path)
      ? forward(request, policy)
      : undecodable(request, policy);
  const login = new URL("/login", request.url);
  login.searchParams.set(
    "callbackUrl",
    request.nextUrl.pathname + request.nextUrl.search,
  );
  return NextResponse.redirect(login);
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path that does not decode (`/tag/%ZZ`) names nothing, but Next.js's router answers it with a
 * 500 (vercel/next.js#92527): it is a 404 here, JSON under /api/ as every API error is.
 */
function undecodable(request: NextRequest, policy: string): Response {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/")) return noSuchAddress();
  // To a static page that shows its area's 404: to any dynamic route (the catch-alls too),
  // Next.js would decode the original path for its params, and fail.
  const missing = path.startsWith("/newsroom/")
    ? "/newsroom/address-not-found"
    : "/address-not-found";
  return NextResponse.rewrite(new URL(missing, request.url), {
    status: 404,
    request: { headers: withPolicy(request, policy) },
  });
}

function isOwnRender(request: NextRequest): boolean {
  return request.headers.get(SITE_RENDER_HEADER) === siteRenderToken();
}

async function article(request: NextRequest, slug: string, policy: string) {
  // Malformed slugs and unknown stories fall through to the page, which answers 404.
  if (!isValidSlug(slug) || isOwnRender(request))
    return forward(request, policy);
  const found = await resolveSlug(slug);
  switch (found.kind) {
    case "live":
      if (request.method === "GET")
        recordArticleView(found.storyId, request.headers);
      return page(request, policy);
    case "moved": {
      const to = request.nextUrl.clone();
      to.pathname = `/news/${found.slug}`;
      return NextResponse.redirect(to, 301);
    }
    case "gone":
      return NextResponse.rewrite(new URL("/news-removed", request.url), {
        status: 410,
        request: { headers: withPolicy(request, policy) },
      });
    case "missing":
      return forward(request, policy);
  }
}

/**
 * A full-page HTML request from a browser is answered from the cache, rendering the page once
 * through this server (on loopback, marked so this proxy lets it through) on a miss. Router
 * requests (RSC payloads, prefetches) and anything but GET render as usual. Next sets PORT to
 * the port it listens on before the first request, so PORT is this server's own port.
 */
async function page(request: NextRequest, policy: string) {
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
    return forward(request, policy);
  const key = siteCacheKey(request.nextUrl);
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
    const nonce = nonceOf(response.headers.get("content-security-policy"));
    if (response.status !== 200 || !nonce) return null;
    const headers: RenderedPage["headers"] = {};
    for (const name of ["content-type", "cache-control", "vary"]) {
      const value = response.headers.get(name);
      if (value) headers[name] = value;
    }
    return { body, headers, nonce };
  }).catch(() => null);
  if (!cached) return forward(request, policy);
  // The render's nonce, random and never shown to a writer, stands only where Next.js put it.
  const nonce = nonceOf(policy)!;
  return new NextResponse(cached.body.split(cached.nonce).join(nonce), {
    status: 200,
    headers: {
      ...cached.headers,
      "content-security-policy": policy,
      "x-site-cache": "hit",
    },
  });
}

/**
 * What a site page's HTML depends on: its path and its page number. Other parameters (a shared
 * link's utm_source or fbclid, different for every reader) change nothing on the page, so they
 * neither cost a render nor take a place in the cache.
 */
function siteCacheKey(url: URL): string {
  const pages = url.searchParams.getAll("page").map((page) => ["page", page]);
  const query = new URLSearchParams(pages).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export const config = {
  // Everything but Next's own static files, which carry no page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
