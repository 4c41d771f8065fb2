import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends signed-out visitors of the newsroom to the sign-in page, remembering where they were
 * going. The newsroom layout checks the session again against the database.
 */
export async function proxy(request: NextRequest) {
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

export const config = { matcher: ["/newsroom", "/newsroom/:path*"] };
