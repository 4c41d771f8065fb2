import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { readAwarenessEntries } from "../lib/collab/presence-state";
import { awarenessStatesMessage } from "../lib/collab/wire";
import {
  isTransactionOrigin,
  PEER_ORIGIN,
  type TransactionOrigin,
} from "./origins";
import { PresenceGuard, type PresenceMember } from "./presence-guard";
import { PresenceRelay } from "./presence-relay";
import { applyAdmittedStates } from "./presence-states";

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
  }

  /** Relays changes from now on (once the story is loaded and sockets may join). */
  follow(): void {
    this.awareness.on("update", this.handleUpdate);
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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, PEER_ORIGIN);
    const rivals = this.guard.holdersOf(
      readAwarenessEntries(update).map((entry) => entry.clientId),
    );
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
