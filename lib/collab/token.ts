import { createHash } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

/** What a collaboration token grants: one user, one story, read-write or read-only. */
export interface CollabGrant {
  userId: string;
  name: string;
  color: string;
  storyId: string;
  readOnly: boolean;
  /**
   * The user's session generation when the token was issued (lib/db/session-generations): a
   * token from before the user last signed out is refused.
   */
  generation: number;
}

export const COLLAB_TOKEN_TTL_SECONDS = 10 * 60;
const AUDIENCE = "newsroom-collab";
const ISSUER = "newsroom-app";

/** Derives the token key from the app secret, so a collab token is useless anywhere else. */
function key(secret: string): Uint8Array {
  return new Uint8Array(
    createHash("sha256").update(`collab-token:${secret}`).digest(),
  );
}

/** Signs a short-lived token for one story's collaboration socket. */
export async function signCollabToken(
  grant: CollabGrant,
  secret: string,
  ttlSeconds: number = COLLAB_TOKEN_TTL_SECONDS,
  now: number = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({
    story: grant.storyId,
    name: grant.name,
    color: grant.color,
    ro: grant.readOnly,
    gen: grant.generation,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(grant.userId)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key(secret));
}

/** A verified token's grant, and when the token expires (ms since the epoch). */
export interface VerifiedCollabGrant extends CollabGrant {
  expiresAt: number;
}

export type TokenProblem = "missing" | "expired" | "invalid";

export class CollabTokenError extends Error {
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Verifies a token's signature, audience and expiry; throws CollabTokenError. */
export async function verifyCollabToken(
  token: string | null | undefined,
  secret: string,
): Promise<VerifiedCollabGrant> {
  if (!token) throw new CollabTokenError("missing", "No collaboration token");
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      audience: AUDIENCE,
      issuer: ISSUER,
      algorithms: ["HS256"],
    });
    const { sub, story, name, color, ro, exp, gen } = payload;
    if (
      typeof exp !== "number" ||
      typeof gen !== "number" ||
      !Number.isSafeInteger(gen) ||
      typeof sub !== "string" ||
      typeof story !== "string" ||
      typeof name !== "string" ||
      typeof color !== "string" ||
      typeof ro !== "boolean"
    ) {
      throw new CollabTokenError("invalid", "Malformed collaboration token");
    }
    return {
      userId: sub,
      storyId: story,
      name,
      color,
      readOnly: ro,
      generation: gen,
      expiresAt: exp * 1000,
    };
  } catch (error) {
    if (error instanceof CollabTokenError) throw error;
    if (error instanceof errors.JWTExpired)
      throw new CollabTokenError("expired", "Collaboration token expired");
    throw new CollabTokenError("invalid", "Invalid collaboration token");
  }
}
