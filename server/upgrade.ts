import type { IncomingMessage } from "node:http";
import {
  ACCOUNT_DEACTIVATED,
  PARAM_ACK,
  PARAM_TOKEN,
  CloseCode,
  storyIdFromDocName,
} from "../lib/collab/protocol";
import { CollabTokenError, verifyCollabToken } from "../lib/collab/token";
import type { Store } from "../lib/db/client";
import { readSessionGeneration } from "../lib/db/session-generations";
import { findStoryById } from "../lib/db/story-rows";
import { findUserById, isActive } from "../lib/db/users";
import { can, suggestsOnly } from "../lib/workflow/permissions";
import { Refusal } from "./refusal";

/** Who a socket belongs to and what it may do, decided before the socket opens. */
export interface ConnectionGrant {
  storyId: string;
  docName: string;
  userId: string;
  name: string;
  color: string;
  readOnly: boolean;
  /** Writes only suggestions (and comments): an author while the desk reviews the story. */
  suggestOnly: boolean;
  /** The client asked for stored-acknowledgements (`?ack=1`). */
  wantsAcks: boolean;
  /** The user was one of the story's authors when connecting (a removed co-author is disconnected). */
  wasAuthor: boolean;
  /** The token itself grants reading only: nothing the server re-checks makes it writable. */
  tokenReadOnly: boolean;
  /** The story's access version these rights were decided on (server/access.ts re-decides on any other). */
  accessVersion: number;
  /** When the token expires (ms since the epoch); the socket is closed then unless renewed. */
  expiresAt: number;
  /** The user's session generation the token was issued in (closed once the user signs out). */
  generation: number;
}

export const tokenReasons = {
  missing: "unauthorized: no token",
  expired: "unauthorized: token expired",
  invalid: "unauthorized: invalid token",
} as const;

/** Why a token from before the user's last sign-out is refused, and its socket closed. */
export const SIGNED_OUT = "unauthorized: signed out";

/**
 * Authorises an upgrade request: a valid, unexpired token for exactly this story, a user and a
 * story that still exist, and the user's current rights (read-only unless they may edit now).
 * Throws Refusal with the close code and reason to send.
 */
export async function authorizeUpgrade(
  request: IncomingMessage,
  secret: string,
  store: Store,
): Promise<ConnectionGrant> {
  let url: URL;
  try {
    url = new URL(request.url ?? "/", "http://collab.invalid");
  } catch {
    throw new Refusal(CloseCode.badRequest, "bad request: malformed URL");
  }
  let docName: string;
  try {
    docName = decodeURIComponent(url.pathname.replace(/^\/+/, ""));
  } catch {
    // A broken %-escape (URIError) is the client's mistake, not ours.
    throw new Refusal(
      CloseCode.badRequest,
      "bad request: malformed URL escape",
    );
  }
  const storyId = storyIdFromDocName(docName);
  if (!storyId)
    throw new Refusal(CloseCode.notFound, "not found: unknown document name");

  let grant;
  try {
    grant = await verifyCollabToken(url.searchParams.get(PARAM_TOKEN), secret);
  } catch (error) {
    if (error instanceof CollabTokenError)
      throw new Refusal(CloseCode.unauthorized, tokenReasons[error.problem]);
    throw error;
  }
  if (grant.storyId !== storyId)
    throw new Refusal(
      CloseCode.forbidden,
      "forbidden: token is for another story",
    );

  const [story, user, generation] = await Promise.all([
    findStoryById(store.db, storyId),
    findUserById(store.db, grant.userId),
    readSessionGeneration(store.db, grant.userId),
  ]);
  if (!user)
    throw new Refusal(
      CloseCode.unauthorized,
      "unauthorized: account no longer exists",
    );
  if (!isActive(user))
    throw new Refusal(CloseCode.unauthorized, ACCOUNT_DEACTIVATED);
  if (grant.generation !== generation)
    throw new Refusal(CloseCode.unauthorized, SIGNED_OUT);
  if (!story) throw new Refusal(CloseCode.notFound, "not found: no such story");
  if (!can(user, "view", story))
    throw new Refusal(
      CloseCode.forbidden,
      "forbidden: no access to this story",
    );

  return {
    storyId,
    docName,
    userId: user.id,
    name: grant.name,
    color: grant.color,
    readOnly: grant.readOnly || !can(user, "suggest", story),
    suggestOnly: suggestsOnly(user, story),
    wantsAcks: url.searchParams.get(PARAM_ACK) === "1",
    wasAuthor: story.authorIds.includes(user.id),
    tokenReadOnly: grant.readOnly,
    accessVersion: story.access_version,
    expiresAt: grant.expiresAt,
    generation,
  };
}
