import type * as awarenessProtocol from "y-protocols/awareness";
import { PRESENCE_PALETTE } from "../lib/collab/identity";
import {
  InvalidPresence,
  presenceUserOf,
  readAwarenessUpdate,
  writeAwarenessUpdate,
  type AwarenessEntry,
  type PresenceUser,
} from "../lib/collab/presence-state";
import { CloseCode } from "../lib/collab/protocol";
import { Refusal } from "./refusal";

/** What the guard needs to know of a socket in the room. */
export interface PresenceMember {
  /** The account behind the socket's token. */
  readonly presenceUser: PresenceUser;
  awarenessClientIds(): number[];
  trackAwarenessClients(added: number[], removed: number[]): void;
}

/**
 * Admits a socket's presence into a room: the server owns identity. Every state must fit the
 * presence schema (lib/collab/presence-state.ts); its `user` is replaced by the socket's account,
 * with a colour no one else present has; and a socket may only change the client ids it
 * introduced. Throws Refusal (4422 off-schema, 4403 someone else's client id).
 */
export class PresenceGuard {
  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly members: () => Iterable<PresenceMember>,
  ) {}

  /** The update to apply in place of `update`, or null when nothing in it is `from`'s to change. */
  admit(update: Uint8Array, from: PresenceMember): Uint8Array | null {
    let entries;
    try {
      entries = readAwarenessUpdate(update);
    } catch (error) {
      if (!(error instanceof InvalidPresence)) throw error;
      throw new Refusal(CloseCode.malformed, `presence: ${error.message}`);
    }
    const user = { ...from.presenceUser, color: this.colourFor(from) };
    const admitted = entries.filter((entry) => this.claim(entry, from));
    for (const entry of admitted)
      if (entry.state) entry.state = { ...entry.state, user };
    return admitted.length > 0 ? writeAwarenessUpdate(admitted) : null;
  }

  /**
   * Whether `entry` is `from`'s to apply. Stock clients echo every state they hear back to the
   * server: an entry no newer than what the room holds is such an echo, dropped (applied, an
   * echoed removal would remove its owner). A newer one for a client id another socket
   * introduced is refused, unless that socket is the same person's: a reconnecting tab keeps
   * its client id, and its old socket may not be known dead yet.
   */
  private claim(entry: AwarenessEntry, from: PresenceMember): boolean {
    const { clientId, clock } = entry;
    if (from.awarenessClientIds().includes(clientId)) return true;
    const known = this.awareness.meta.get(clientId);
    if (known && clock <= known.clock) return false;
    for (const member of this.members()) {
      if (member === from || !member.awarenessClientIds().includes(clientId))
        continue;
      if (member.presenceUser.id !== from.presenceUser.id)
        throw stolen(clientId);
      member.trackAwarenessClients([], [clientId]);
      return true;
    }
    // Present without a local owner: a socket on another server introduced it.
    const state = this.awareness.getStates().get(clientId);
    if (state && presenceUserOf(state)?.id !== from.presenceUser.id)
      throw stolen(clientId);
    return true;
  }

  /**
   * The colour `from`'s person shows in this story: the one they already show here, else their
   * own unless someone else present shows it, else the first free one of the palette.
   */
  private colourFor(from: PresenceMember): string {
    const taken = new Set<string>();
    for (const state of this.awareness.getStates().values()) {
      const user = presenceUserOf(state);
      if (!user) continue;
      if (user.id === from.presenceUser.id) return user.color;
      taken.add(user.color);
    }
    const preferred = from.presenceUser.color;
    if (!taken.has(preferred)) return preferred;
    return PRESENCE_PALETTE.find((c) => !taken.has(c)) ?? preferred;
  }
}

function stolen(clientId: number): Refusal {
  return new Refusal(
    CloseCode.forbidden,
    `presence: client ${clientId} belongs to another connection`,
  );
}
