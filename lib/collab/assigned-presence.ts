import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import { assignedUserIn, type PresenceUser } from "./presence-state";

/** y-websocket's message type for awareness. */
const MESSAGE_AWARENESS = 1;

/**
 * Calls `onUser` with the user the server shows for this provider's own presence (its colour is
 * the one the server assigned, unique in the story) whenever the server relays it back. Returns
 * a function that stops watching.
 */
export function watchAssignedUser(
  provider: WebsocketProvider,
  onUser: (user: PresenceUser) => void,
): () => void {
  const handlers = provider.messageHandlers;
  const relay = handlers[MESSAGE_AWARENESS]!;
  handlers[MESSAGE_AWARENESS] = (encoder, decoder, ...rest) => {
    const update = decoding.readVarUint8Array(decoding.clone(decoder));
    const self = assignedUserIn(update, provider.awareness.clientID);
    if (self) onUser(self);
    relay(encoder, decoder, ...rest);
  };
  return () => {
    handlers[MESSAGE_AWARENESS] = relay;
  };
}

/**
 * Makes this provider's own presence show the user the server assigned (its account and
 * colour), so that what it sends is what everyone sees and the server need not send its own
 * caret moves back to it (server/presence-relay.ts). Returns a function that stops it.
 */
export function adoptAssignedUser(provider: WebsocketProvider): () => void {
  return watchAssignedUser(provider, (user) => {
    const local = provider.awareness.getLocalState() as {
      user?: unknown;
    } | null;
    if (local && JSON.stringify(local.user) !== JSON.stringify(user))
      provider.awareness.setLocalStateField("user", user);
  });
}
