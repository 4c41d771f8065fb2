import { REMEMBERED_SESSION_PREFIX } from "@/lib/offline/sign-out";
import type { CollabSession } from "@/lib/stories/collab-session";

/** What this browser remembers of a story's session (never the token), to open it offline. */
export type RememberedSession = Omit<CollabSession, "token" | "expiresIn">;

/** The app refused the session (the message says why), as opposed to a network failure. */
export class SessionRefused extends Error {}

/** A fresh collaboration session (token included) for the story; throws SessionRefused. */
export async function fetchSession(storyId: string): Promise<CollabSession> {
  const response = await fetch(`/api/stories/${storyId}/collab`, {
    cache: "no-store",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new SessionRefused(
      body?.error?.message ??
        `The story could not be opened (${response.status}).`,
    );
  }
  return (await response.json()) as CollabSession;
}

const rememberKey = (storyId: string) =>
  `${REMEMBERED_SESSION_PREFIX}${storyId}`;

/** Keeps the session, without its token, for opening the story offline; returns what was kept. */
export function rememberSession(
  storyId: string,
  session: CollabSession,
): RememberedSession {
  const { token: _token, expiresIn: _expiresIn, ...rest } = session;
  localStorage.setItem(rememberKey(storyId), JSON.stringify(rest));
  return rest;
}

/** The session this browser remembers for the story, if any. */
export function rememberedSession(storyId: string): RememberedSession | null {
  try {
    const raw = localStorage.getItem(rememberKey(storyId));
    return raw ? (JSON.parse(raw) as RememberedSession) : null;
  } catch {
    return null;
  }
}
