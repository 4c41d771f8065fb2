/**
 * Newsroom events: what the app tells the collaboration servers happened (a story moved, its
 * authors changed, an account was deactivated or signed out), and what the servers push to the
 * story lists open in browsers. The servers are the push hub: the app posts each event to one
 * of them (`POST /events`, a signed token as the body), which acts on it, sends it to the other
 * servers through the fan-out and to its own feed sockets (`/newsroom`).
 */
import { createHash } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/** The collaboration server's path for story-list feeds. */
export const FEED_PATH = "/newsroom";
/** The collaboration server's path the app posts events to. */
export const EVENTS_PATH = "/events";

const ISSUER = "newsroom-app";
const EVENT_AUDIENCE = "newsroom-events";
const FEED_AUDIENCE = "newsroom-feed";
/** An event token is posted at once; one older than this is refused (a replayed request). */
const EVENT_TTL_SECONDS = 60;
export const FEED_TOKEN_TTL_SECONDS = 10 * 60;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const newsroomEventSchema = z.discriminatedUnion("type", [
  /**
   * Something the story list shows changed: its state, authors, headline, who is in it.
   * `access`: who may edit or see it may have changed too; servers re-decide its sockets.
   * `presence`: only who is in it changed (the story's own page need not re-read it).
   */
  z.object({
    type: z.literal("story"),
    storyId: id,
    access: z.boolean().default(false),
    presence: z.boolean().optional(),
  }),
  /** An account was deactivated, changed role or signed out: its sockets are re-decided. */
  z.object({ type: z.literal("user"), userId: id }),
  /** These people's inboxes changed: their open pages re-read them. */
  z.object({
    type: z.literal("inbox"),
    userIds: z.array(id).min(1).max(1000),
  }),
]);
export type NewsroomEvent = z.infer<typeof newsroomEventSchema>;

/**
 * What a feed socket receives: which story changed (never its content), or that the socket's
 * own person's inbox changed.
 */
export type FeedMessage =
  { type: "story"; storyId: string; presence?: true } | { type: "inbox" };

function key(secret: string, use: string): Uint8Array {
  return new Uint8Array(
    createHash("sha256").update(`${use}:${secret}`).digest(),
  );
}

/** Signs one event for `POST /events`; valid for a minute. */
export async function signNewsroomEvent(
  event: NewsroomEvent,
  secret: string,
  now = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ event })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(EVENT_AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + EVENT_TTL_SECONDS)
    .sign(key(secret, EVENT_AUDIENCE));
}

/** The event a posted token carries, or null when it is not a valid, fresh, well-formed one. */
export async function verifyNewsroomEvent(
  token: string,
  secret: string,
): Promise<NewsroomEvent | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret, EVENT_AUDIENCE), {
      audience: EVENT_AUDIENCE,
      issuer: ISSUER,
      algorithms: ["HS256"],
    });
    const parsed = newsroomEventSchema.safeParse(payload.event);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Who a feed socket belongs to. */
export interface FeedGrant {
  userId: string;
  /** The user's session generation when the token was issued (see lib/collab/token). */
  generation: number;
  expiresAt: number;
}

/** Signs a short-lived token for a user's story-list feed. */
export async function signFeedToken(
  grant: Omit<FeedGrant, "expiresAt">,
  secret: string,
  now = Date.now(),
): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ gen: grant.generation })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(grant.userId)
    .setAudience(FEED_AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + FEED_TOKEN_TTL_SECONDS)
    .sign(key(secret, FEED_AUDIENCE));
}

export type FeedTokenProblem = "missing" | "expired" | "invalid";

/** Verifies a feed token; returns its grant or why it is refused. */
export async function verifyFeedToken(
  token: string | null,
  secret: string,
): Promise<FeedGrant | FeedTokenProblem> {
  if (!token) return "missing";
  try {
    const { payload } = await jwtVerify(token, key(secret, FEED_AUDIENCE), {
      audience: FEED_AUDIENCE,
      issuer: ISSUER,
      algorithms: ["HS256"],
    });
    const { sub, gen, exp } = payload;
    if (
      typeof sub !== "string" ||
      typeof exp !== "number" ||
      typeof gen !== "number" ||
      !Number.isSafeInteger(gen)
    )
      return "invalid";
    return { userId: sub, generation: gen, expiresAt: exp * 1000 };
  } catch (error) {
    return error instanceof errors.JWTExpired ? "expired" : "invalid";
  }
}
