import type { Store } from "../db/client";
import { endSessions } from "../db/session-generations";

/**
 * next-auth's sign-out event: starts a new session generation for the user, so that every
 * collaboration token issued before is refused and every collaboration server closes the
 * sockets holding one once told (lib/auth/options.ts announces it). The user's other
 * signed-in browsers reconnect with a fresh token. A token without a user id changes nothing.
 */
export async function recordSignOut(
  store: Store,
  token: Readonly<Record<string, unknown>> | null | undefined,
): Promise<void> {
  if (typeof token?.uid !== "string") return;
  await endSessions(store.db, token.uid);
}
