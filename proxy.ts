import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { isValidSlug } from "@/lib/db/slug";
import { recordArticleView, resolveSlug } from "@/lib/site-service";

/**
 * Two jobs before a page renders:
 * - `/news/<slug>`: answers an old slug with a 301 to the story's current address and a story
 *   taken off the site with 410 Gone (a page cannot set those statuses itself), and counts a
 *   reader's view of a live story (here, because every request passes here exactly once).
 * - `/newsroom…`: sends signed-out visitors to the sign-in page, remembering where they were
 *   going. The newsroom layout checks the session again against the database.
 */
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  if (path.startsWith("/news/")) return article(request, path.slice(6));

  const token = await getToken({
    req: request,
    secret: process.env.NEXTAUTH_SECRET,
  });
  if (token) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set(
    "callbackUrl",
    request.nextUrl.pathname + request.nextUrl.search,
  );
  return NextResponse.redirect(login);
}

async function article(request: NextRequest, slug: string) {
  // Malformed slugs and unknown stories fall through to the page, which answers 404.
  if (!isValidSlug(slug)) return NextResponse.next();
  const found = await resolveSlug(slug);
  switch (found.kind) {
    case "live":
      if (request.method === "GET")
        recordArticleView(found.storyId, request.headers);
      return NextResponse.next();
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

export const config = {
  matcher: ["/newsroom", "/newsroom/:path*", "/news/:slug"],
};
