/**
 * The security headers of every response the proxy sees (proxy.ts), built here so that a unit
 * test can read them. Pages get a Content-Security-Policy with a fresh nonce per response:
 * Next.js reads the nonce from the request's policy and puts it on every script it emits;
 * `'strict-dynamic'` lets those scripts load the chunks they need, and nothing else runs (no
 * inline script, no `javascript:` URL, no script from another origin or an upload).
 *
 * Decisions, in docs/security.md: no page may be framed, the public site included (nothing of
 * ours is meant to be embedded, and the subscribe form should not be clickjacked); styles may be
 * inline (`'unsafe-inline'` in style-src), as ProseMirror, y-prosemirror's carets and React's
 * `style` props write style attributes a nonce cannot cover, and a style cannot run script.
 */

/** A fresh nonce: 18 random bytes, base64url (no `+`, `/` or `=` to escape anywhere). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Buffer.from(bytes).toString("base64url");
}

export interface PolicyOptions {
  nonce: string;
  /** Where the page may open sockets besides its own origin (the collaboration server). */
  connectSources: readonly string[];
  /** `next dev`: React's development build needs eval. */
  development?: boolean;
  /** Served over https: mixed content is upgraded. */
  https?: boolean;
}

/** The Content-Security-Policy of a page. */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Uploads are served from this origin; blob: and data: for images the editor shows locally.
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${options.connectSources.join(" ")}`.trim(),
    "media-src 'self'",
    "object-src 'none'",
    "worker-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The nonce in a policy this module built, or null. */
export function nonceOf(policy: string | null): string | null {
  return /'nonce-([A-Za-z0-9_-]+)'/.exec(policy ?? "")?.[1] ?? null;
}

/**
 * The collaboration server's socket addresses a page at `host` may connect to: COLLAB_PUBLIC_URL
 * when set, else the page's host on COLLAB_PORT over ws and wss (as lib/stories/collab-session
 * derives it; which of the two depends on a proxy's X-Forwarded-Proto).
 */
export function collabConnectSources(
  host: string | null,
  collabPort: number,
  publicUrl?: string,
): string[] {
  if (publicUrl) {
    const url = new URL(publicUrl);
    return [`${url.protocol}//${url.host}`];
  }
  const hostname = hostnameOf(host);
  if (!hostname) return [];
  return [`ws://${hostname}:${collabPort}`, `wss://${hostname}:${collabPort}`];
}

/** The host name of a Host header (an IPv6 literal in brackets), or null if it is malformed. */
function hostnameOf(host: string | null): string | null {
  const m = /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.exec(host ?? "");
  return m ? m[1]!.toLowerCase() : null;
}

/** Which part of the app a path is: the newsroom and sign-in keep their addresses to themselves. */
export function isNewsroomPath(path: string): boolean {
  return (
    path === "/newsroom" ||
    path.startsWith("/newsroom/") ||
    path === "/login" ||
    path.startsWith("/api/")
  );
}

/** The pages one-time links open (their address holds the link's secret). */
export function isPasswordLinkPath(path: string): boolean {
  return path.startsWith("/signup/") || path.startsWith("/reset-password/");
}

/** A draft opened with a preview link (its address is the link's signed token). */
export function isPreviewPath(path: string): boolean {
  return path.startsWith("/preview/");
}

/** The headers besides the policy: every response of the app. */
export function baseSecurityHeaders(options: {
  path: string;
  https: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    // For browsers without frame-ancestors.
    "x-frame-options": "DENY",
    // Newsroom addresses name stories not yet published: they never leave the site. A one-time
    // link's or a preview link's address is a secret: it is sent nowhere.
    "referrer-policy":
      isPasswordLinkPath(options.path) || isPreviewPath(options.path)
        ? "no-referrer"
        : isNewsroomPath(options.path)
          ? "same-origin"
          : "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  };
  // A draft is for the people it was sent to: kept out of search engines and shared caches.
  if (isPreviewPath(options.path)) {
    headers["x-robots-tag"] = "noindex, nofollow";
    headers["cache-control"] = "private, no-store";
  }
  // Browsers ignore HSTS over http; sent only when the request really came over https.
  if (options.https) headers["strict-transport-security"] = "max-age=31536000";
  return headers;
}
