import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/** How long a preview link works: a day, long enough to send a draft round and read it. */
export const PREVIEW_TTL_SECONDS = 24 * 60 * 60;
const AUDIENCE = "newsroom-preview";
const ISSUER = "newsroom-app";

/** What a preview link grants: reading one story's draft, as it stood when it is opened. */
export interface PreviewGrant {
  storyId: string;
  /** The story's live revision when the link was made (null: none): a later one ends the link. */
  liveRevisionId: string | null;
}

/** The link's own key, derived from the app secret: a preview token opens nothing else. */
function key(secret: string): Uint8Array {
  return new Uint8Array(
    createHash("sha256").update(`preview-token:${secret}`).digest(),
  );
}

/** A JWT's shape (three base64url parts), checked before any verification. */
export const PREVIEW_TOKEN_PATTERN =
  /^[A-Za-z0-9_-]{10,200}\.[A-Za-z0-9_-]{10,600}\.[A-Za-z0-9_-]{20,100}$/;

/** Signs a preview token for `grant`; returns it with when it expires (ms since the epoch). */
export async function signPreviewToken(
  grant: PreviewGrant,
  secret: string,
  now: number = Date.now(),
  ttlSeconds: number = PREVIEW_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(now / 1000);
  const token = await new SignJWT({ live: grant.liveRevisionId })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(grant.storyId)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
  return { token, expiresAt: (iat + ttlSeconds) * 1000 };
}

/**
 * The grant of a valid, unexpired preview token (with when it expires), or null for anything
 * else: malformed, signed with another key or for another purpose, expired.
 */
export async function verifyPreviewToken(
  token: string,
  secret: string,
  now: number = Date.now(),
): Promise<(PreviewGrant & { expiresAt: number }) | null> {
  if (!PREVIEW_TOKEN_PATTERN.test(token)) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      audience: AUDIENCE,
      issuer: ISSUER,
      algorithms: ["HS256"],
      currentDate: new Date(now),
    });
    const { sub, live, exp } = payload;
    if (
      typeof sub !== "string" ||
      typeof exp !== "number" ||
      !(live === null || typeof live === "string")
    )
      return null;
    return { storyId: sub, liveRevisionId: live, expiresAt: exp * 1000 };
  } catch {
    return null;
  }
}
