import type * as awarenessProtocol from "y-protocols/awareness";
import { awarenessMessage } from "../lib/collab/wire";
import { encodePresence } from "./presence-states";

/** Sockets sent to before the relay lets other work (a document edit) run. */
const SOCKETS_PER_TURN = 64;

/**
 * Rooms of at most this many sockets relay once the event loop has read every socket that was
 * ready, instead of after the interval: people type a few keys a second, so in a room this small
 * an interval rarely holds two changes to merge, and relayed at once a caret moves with the edit
 * that moved it. Not sooner: the edits read in the same pass of the loop, other stories' too,
 * leave first (setImmediate, not nextTick), so no edit waits behind a caret.
 */
const SAME_TURN_MAX_SOCKETS = 3;

interface PresenceSocket {
  send(message: Uint8Array): void;
  /** The presence client ids this socket owns. */
  awarenessClientIds(): number[];
}

/** Where merged presence goes: this server's sockets, and the other servers. */
export interface PresenceOutlets {
  /** The sockets to send a merged message to. */
  sockets(): ReadonlySet<PresenceSocket>;
  /** Whether a client id's owner already holds its latest state exactly (not sent back then). */
  heldByOwner(clientId: number): boolean;
  /** Publishes presence of this server's own clients to the other servers; null when alone. */
  publish: ((update: Uint8Array) => void) | null;
}

/**
 * Relays a story's presence changes merged: every change within `intervalMs` (caret moves,
 * renewals, departures, from sockets here or from other servers) goes out as one awareness
 * message holding each changed client's latest state, to every socket at once, and the part
 * from this server's own sockets to the other servers as one publication. A story watched by
 * hundreds then costs a few messages per interval, not one per change per watcher, and
 * stock clients, which echo every presence message they receive, echo a few too. Senders get
 * their own state back, which their awareness ignores (same clock). Large rooms are sent to in
 * slices, so that a document edit arriving meanwhile is never held behind presence; small ones
 * are relayed at the end of the event loop's pass (SAME_TURN_MAX_SOCKETS).
 */
export class PresenceRelay {
  private readonly changed = new Set<number>();
  private readonly changedHere = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** A flush is queued for the end of this pass of the event loop (a small room). */
  private queued = false;
  private closed = false;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly intervalMs: number,
    private readonly outlets: PresenceOutlets,
  ) {}

  /** Client ids whose presence changed; `local`: changed by this server's own sockets. */
  changedClients(clientIds: readonly number[], local: boolean): void {
    if (this.closed || clientIds.length === 0) return;
    for (const id of clientIds) {
      this.changed.add(id);
      if (local && this.outlets.publish) this.changedHere.add(id);
    }
    if (this.intervalMs <= 0) this.flush();
    else if (this.timer === null && !this.queued) {
      if (this.outlets.sockets().size <= SAME_TURN_MAX_SOCKETS) {
        this.queued = true;
        setImmediate(this.flush);
      } else this.timer = setTimeout(this.flush, this.intervalMs);
    }
  }

  /** Sends what is pending (a departure the room closes on must still reach other servers). */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.timer || this.queued) this.flush();
    this.closed = true;
  }

  private readonly flush = (): void => {
    this.timer = null;
    this.queued = false;
    if (this.closed || this.changed.size === 0) return;
    // A removed client is written as null with its last clock.
    const update = encodePresence(this.awareness, [...this.changed]);
    if (this.changedHere.size > 0)
      this.outlets.publish?.(
        encodePresence(this.awareness, [...this.changedHere]),
      );
    const ids = [...this.changed];
    this.changed.clear();
    this.changedHere.clear();
    const shared = awarenessMessage(update);
    // A socket is not sent back states of its own it holds already (a caret it just moved).
    const held = new Set(ids.filter((id) => this.outlets.heldByOwner(id)));
    const deliveries: Array<[PresenceSocket, Uint8Array]> = [];
    for (const socket of this.outlets.sockets()) {
      const own =
        held.size === 0
          ? []
          : socket.awarenessClientIds().filter((id) => held.has(id));
      if (own.length === 0) deliveries.push([socket, shared]);
      else if (own.length < ids.length)
        deliveries.push([
          socket,
          awarenessMessage(
            encodePresence(
              this.awareness,
              ids.filter((id) => !own.includes(id)),
            ),
          ),
        ]);
    }
    sendInSlices(deliveries);
  };
}

function sendInSlices(
  deliveries: Array<[PresenceSocket, Uint8Array]>,
  from = 0,
): void {
  const end = Math.min(deliveries.length, from + SOCKETS_PER_TURN);
  for (let i = from; i < end; i++) {
    const [socket, message] = deliveries[i]!;
    socket.send(message);
  }
  if (end < deliveries.length)
    setImmediate(() => sendInSlices(deliveries, end));
}
