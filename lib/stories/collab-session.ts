import { colorForUser } from "../collab/identity";
import { docNameForStory } from "../collab/protocol";
import {
  FEED_PATH,
  FEED_TOKEN_TTL_SECONDS,
  signFeedToken,
} from "../collab/newsroom-events";
import { COLLAB_TOKEN_TTL_SECONDS, signCollabToken } from "../collab/token";
import type { Store } from "../db/client";
import { presentUser } from "../db/presenters";
import { readSessionGeneration } from "../db/session-generations";
import type { UserRow } from "../db/users";
import { can, suggestsOnly } from "../workflow/permissions";
import { loadVisibleStory } from "./details";

export interface CollabSession {
  url: string;
  docName: string;
  token: string;
  readOnly: boolean;
  /** Writes only suggestions, comments and replies (an author while the desk reviews). */
  suggestOnly: boolean;
  expiresIn: number;
  user: { id: string; name: string; color: string };
}

/** A short-lived token for the story's collaboration socket. */
export async function collabSession(
  store: Store,
  actor: UserRow,
  id: string,
  options: { url: string; secret: string },
): Promise<CollabSession> {
  const story = await loadVisibleStory(store, actor, id);
  // Authors in review write suggestions through the same socket (server/upgrade.ts decides).
  const readOnly = !can(actor, "suggest", story);
  const suggestOnly = suggestsOnly(actor, story);
  const color = colorForUser(actor.id);
  const token = await signCollabToken(
    {
      userId: actor.id,
      name: actor.name,
      color,
      storyId: id,
      readOnly,
      generation: await readSessionGeneration(store.db, actor.id),
    },
    options.secret,
  );
  return {
    url: options.url,
    docName: docNameForStory(id),
    token,
    readOnly,
    suggestOnly,
    expiresIn: COLLAB_TOKEN_TTL_SECONDS,
    user: { ...presentUser(actor), color },
  };
}

export interface FeedSession {
  /** The feed socket's address, token included. */
  url: string;
  expiresIn: number;
}

/** A short-lived address of the story lists' push channel (server/newsroom-feed.ts). */
export async function feedSession(
  store: Store,
  actor: UserRow,
  options: { url: string; secret: string },
): Promise<FeedSession> {
  const token = await signFeedToken(
    {
      userId: actor.id,
      generation: await readSessionGeneration(store.db, actor.id),
    },
    options.secret,
  );
  const url = new URL(`${options.url}${FEED_PATH}`);
  url.searchParams.set("token", token);
  return { url: url.toString(), expiresIn: FEED_TOKEN_TTL_SECONDS };
}

/**
 * The collaboration server URL as a browser at `requestUrl` reaches it: COLLAB_PUBLIC_URL when
 * set, else the same host on COLLAB_PORT (wss behind https).
 */
export function collabUrlFor(
  requestUrl: string,
  forwardedProto: string | null,
  collabPort: number,
  publicUrl?: string,
): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  const url = new URL(requestUrl);
  const secure = (forwardedProto ?? url.protocol.replace(":", "")) === "https";
  // URL.hostname keeps the brackets of an IPv6 literal.
  return `${secure ? "wss" : "ws"}://${url.hostname}:${collabPort}`;
}
