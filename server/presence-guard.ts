import type * as awarenessProtocol from "y-protocols/awareness";
import { freePresenceColor } from "../lib/collab/identity";
import {
  InvalidPresence,
  parsePresenceState,
  presenceUserOf,
  readAwarenessEntries,
  type PresenceState,
  type RawAwarenessEntry,
  type PresenceUser,
} from "../lib/collab/presence-state";
import { CloseCode } from "../lib/collab/protocol";
import type { AdmittedState } from "./presence-states";
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
  /** Client ids whose latest admitted state is exactly what their socket sent. */
  private readonly heldAsSent = new Set<number>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly members: () => Iterable<PresenceMember>,
  ) {}

  /** The states to apply in place of `update`, or null when nothing in it is `from`'s to change. */
  admit(update: Uint8Array, from: PresenceMember): AdmittedState[] | null {
    try {
      const claimed = readAwarenessEntries(update).filter((entry) =>
        this.claim(entry, from),
      );
      if (claimed.length === 0) return null;
      const user = { ...from.presenceUser, color: this.colourFor(from) };
      return claimed.map(({ clientId, clock, json }) => {
        const sent = parsePresenceState(json);
        const state = sent === null ? null : { ...sent, user };
        const kept = state === null ? "null" : JSON.stringify(state);
        // The sender holds what it sent: sending it back only matters when the server changed it.
        if (kept === json || state === null) this.heldAsSent.add(clientId);
        else this.heldAsSent.delete(clientId);
        return { clientId, clock, state, json: kept };
      });
    } catch (error) {
      if (!(error instanceof InvalidPresence)) throw error;
      throw new Refusal(CloseCode.malformed, `presence: ${error.message}`);
    }
  }

  /** Client ids that left the story. */
  forget(clientIds: readonly number[]): void {
    for (const id of clientIds) this.heldAsSent.delete(id);
  }

  /** Whether the socket that owns `clientId` already holds its latest state exactly as admitted. */
  heldByOwner(clientId: number): boolean {
    return this.heldAsSent.has(clientId);
  }

  /**
   * Whether `entry` is `from`'s to apply. Stock clients echo every state they hear back to the
   * server: an entry no newer than what the room holds is such an echo, dropped before its JSON
   * is even parsed (applied, an echoed removal would remove its owner). A newer one for a client id another socket
   * introduced is refused, unless that socket is the same person's: a reconnecting tab keeps
   * its client id, and its old socket may not be known dead yet.
   */
  private claim(entry: RawAwarenessEntry, from: PresenceMember): boolean {
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
   * States that give `member`'s client ids a colour of their own again, for those whose colour
   * `rivals` (colour → account id, from another server's states) says someone else shows too:
   * two servers gave it out at the same moment. The smaller account id keeps it; the other
   * person's server moves them. Each state is clocked one past the current, so that the other
   * servers and the owner, whose copy holds the old colour, take it.
   */
  recolour(
    member: PresenceMember,
    rivals: ReadonlyMap<string, string>,
  ): AdmittedState[] {
    const { id } = member.presenceUser;
    const recoloured: AdmittedState[] = [];
    let user: PresenceUser | null = null;
    for (const clientId of member.awarenessClientIds()) {
      const state = this.awareness.states.get(clientId) as
        PresenceState | undefined;
      const meta = this.awareness.meta.get(clientId);
      const rival = state?.user?.color && rivals.get(state.user.color);
      if (!state || !meta || !rival || rival === id || id < rival) continue;
      user ??= { ...member.presenceUser, color: this.colourFor(member) };
      const next = { ...state, user };
      this.heldAsSent.delete(clientId);
      recoloured.push({
        clientId,
        clock: meta.clock + 1,
        state: next,
        json: JSON.stringify(next),
      });
    }
    return recoloured;
  }

  /**
   * The colour `from`'s person shows in this story: the one they already show here, unless
   * someone with a smaller account id shows it too (two servers gave it out at once), else the
   * first free one of their own, the palette's and made-up ones (lib/collab/identity.ts).
   */
  private colourFor(from: PresenceMember): string {
    const { id } = from.presenceUser;
    let shown: string | undefined;
    const taken = this.holders(
      this.awareness.getStates().values(),
      (userId, color) => {
        if (userId !== id) return true;
        shown ??= color;
        return false;
      },
    );
    if (shown !== undefined) {
      const holder = taken.get(shown);
      if (holder === undefined || id < holder) return shown;
    }
    return freePresenceColor(from.presenceUser.color, new Set(taken.keys()));
  }

  /** Colour → the smallest account id showing it, of the states of `clientIds`. */
  holdersOf(clientIds: readonly number[]): Map<string, string> {
    return this.holders(clientIds.map((id) => this.awareness.states.get(id)));
  }

  /**
   * Colour → the smallest account id showing it, of `states` (those whose user `counts`).
   * Every state here was admitted by this guard (or a peer server's), so its `user` is the
   * server's: read directly, not parsed again, since this runs for each admitted update.
   */
  private holders(
    states: Iterable<unknown>,
    counts: (userId: string, color: string) => boolean = () => true,
  ): Map<string, string> {
    const holders = new Map<string, string>();
    for (const state of states) {
      const user = (state as PresenceState | null | undefined)?.user;
      if (!user?.id || !user.color) continue;
      if (!counts(user.id, user.color)) continue;
      const holder = holders.get(user.color);
      if (holder === undefined || user.id < holder)
        holders.set(user.color, user.id);
    }
    return holders;
  }
}

function stolen(clientId: number): Refusal {
  return new Refusal(
    CloseCode.forbidden,
    `presence: client ${clientId} belongs to another connection`,
  );
}
