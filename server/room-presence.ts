import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import {
  readAwarenessEntries,
  writeRawAwarenessUpdate,
  type PresenceState,
} from "../lib/collab/presence-state";
import { awarenessStatesMessage } from "../lib/collab/wire";
import {
  isTransactionOrigin,
  PEER_ORIGIN,
  type TransactionOrigin,
} from "./origins";
import { PresenceGuard, type PresenceMember } from "./presence-guard";
import { PresenceRelay } from "./presence-relay";
import { applyAdmittedStates } from "./presence-states";

/**
 * With other servers, how long a story just opened here waits before admitting its sockets'
 * presence: its first round with its peers (server/fanout/anti-entropy.ts) brings their people
 * in by then, so a client id someone has elsewhere is known and cannot be claimed here.
 */
const PEERS_PRESENCE_WAIT_MS = 250;

/** What the room's presence needs of a socket in it. */
export interface PresenceSocket extends PresenceMember {
  /** The origin of the transactions that apply what the socket sent. */
  readonly origin: TransactionOrigin;
  send(message: Uint8Array): void;
}

/**
 * Who is in one story on this server, and where they are: the states of its sockets, admitted
 * by the presence guard, and of other servers' sockets, relayed merged (presence-relay.ts).
 */
export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly guard: PresenceGuard;
  private readonly relay: PresenceRelay;
  private closed = false;
  /** When sockets' presence may be admitted (performance.now()). */
  private opensAt = 0;
  /** Whether this server has no peers to hear the story's people from. */
  private readonly alone: boolean;

  constructor(
    doc: Y.Doc,
    private readonly sockets: () => ReadonlySet<PresenceSocket>,
    relayMs: number,
    /** Publishes this server's own clients' presence to other servers; null when alone. */
    publish: ((update: Uint8Array) => void) | null,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.guard = new PresenceGuard(this.awareness, sockets);
    this.relay = new PresenceRelay(this.awareness, relayMs, {
      sockets,
      heldByOwner: (clientId) => this.guard.heldByOwner(clientId),
      publish,
    });
    this.alone = publish === null;
  }

  /** Relays changes from now on (once the story is loaded and sockets may join). */
  follow(): void {
    this.awareness.on("update", this.handleUpdate);
    if (!this.alone) this.opensAt = performance.now() + PEERS_PRESENCE_WAIT_MS;
  }

  /** Milliseconds until sockets' presence may be admitted (0: now). */
  opensIn(): number {
    return Math.max(0, this.opensAt - performance.now());
  }

  /** Applies what `from` sent, as the guard admits it (throws Refusal). */
  admit(update: Uint8Array, from: PresenceSocket): void {
    const admitted = this.guard.admit(update, from);
    if (admitted) applyAdmittedStates(this.awareness, admitted, from.origin);
  }

  /** Removes client ids of `from` (its socket closed). */
  remove(clientIds: number[], from: PresenceSocket): void {
    // With the socket's origin, so that the removal also reaches the other servers.
    if (!this.closed)
      awarenessProtocol.removeAwarenessStates(
        this.awareness,
        clientIds,
        from.origin,
      );
  }

  /**
   * Applies presence another server relayed (admitted there), and moves this server's people
   * off a colour that server gave someone else at the same moment (PresenceGuard.recolour).
   */
  applyPeer(update: Uint8Array): void {
    const entries = readAwarenessEntries(update);
    // A client id a socket here holds is that socket's to change. Another server's word on it
    // counts only for the same person (their tab moved there); a removal never does (it is the
    // old socket of a tab that has moved here, going away), nor a state of someone else (they
    // claimed the id there).
    /** Client id → the account of the socket here that holds it. */
    const ownerHere = new Map<number, string>();
    for (const socket of this.sockets())
      for (const id of socket.awarenessClientIds())
        ownerHere.set(id, socket.presenceUser.id);
    const theirs = entries.filter(({ clientId, json }) => {
      const owner = ownerHere.get(clientId);
      return owner === undefined || userIdIn(json) === owner;
    });
    if (theirs.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      theirs.length === entries.length
        ? update
        : writeRawAwarenessUpdate(theirs),
      PEER_ORIGIN,
    );
    const rivals = this.guard.holdersOf(theirs.map((entry) => entry.clientId));
    if (rivals.size === 0) return;
    for (const socket of this.sockets()) {
      const recoloured = this.guard.recolour(socket, rivals);
      if (recoloured.length > 0)
        applyAdmittedStates(this.awareness, recoloured, socket.origin);
    }
  }

  /** This server's own clients' states, for other servers; null when there are none. */
  local(): Uint8Array | null {
    const ids: number[] = [];
    for (const socket of this.sockets())
      ids.push(...socket.awarenessClientIds());
    const present = ids.filter((id) => this.awareness.getStates().has(id));
    return present.length > 0
      ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)
      : null;
  }

  /** Whether anyone is present. */
  get anyone(): boolean {
    return this.awareness.getStates().size > 0;
  }

  /** Everyone's states as one message. */
  everyone(): Uint8Array {
    return awarenessStatesMessage(this.awareness);
  }

  destroy(): void {
    this.closed = true;
    this.relay.close();
    this.awareness.off("update", this.handleUpdate);
    this.awareness.destroy();
  }

  private readonly handleUpdate = (
    {
      added,
      updated,
      removed,
    }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const fromSocket = isTransactionOrigin(origin) && origin.kind === "socket";
    // Updated too: a client id the same person took over from their previous socket.
    if (fromSocket)
      origin.connection.trackAwarenessClients(added.concat(updated), removed);
    // Only our own clients' presence is published; peers time out their own on their own.
    this.guard.forget(removed);
    this.relay.changedClients(added.concat(updated, removed), fromSocket);
  };
}

/** The account id in a state another server admitted (its JSON), or null. */
function userIdIn(json: string): string | null {
  try {
    const id = (JSON.parse(json) as PresenceState | null)?.user?.id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
