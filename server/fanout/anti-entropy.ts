import {
  FanoutKind,
  type FanoutBody,
  type FanoutMessage,
} from "../../lib/collab/fanout";
import type { Metrics } from "../metrics";
import type { FanoutRoom } from "./fanout";

/** After Redis returns, every room resyncs at a random moment within this window (no stampede). */
const RECONNECT_SPREAD_MS = 1000;

/** A story relayed by this server, as the fan-out keeps it. */
export interface AttachedRoom {
  room: FanoutRoom;
  /** Messages that arrived while the room was loading; null once it is ready. */
  held: FanoutMessage[] | null;
  overflowed: boolean;
  timer: NodeJS.Timeout | null;
  lastStoreRead: number;
  storeReadDue: boolean;
}

/** What anti-entropy needs from the fan-out it runs in. */
export interface ResyncChannel {
  connected(): boolean;
  /** Whether `entry` is still the one attached for its story (not detached or replaced). */
  attached(entry: AttachedRoom): boolean;
  publish(storyId: string, body: FanoutBody, target?: string): void;
}

export interface AntiEntropyOptions {
  /** How often each attached room compares its state with its peers' (ms). */
  resyncIntervalMs: number;
  /** How often each attached room re-reads the store (ms). */
  storeResyncIntervalMs: number;
  metrics: Metrics;
}

/**
 * Pub/sub delivers at most once, so delivery is never trusted. Each room, when it loads, when
 * Redis comes back and periodically, publishes its state (state vector + digest); a peer whose
 * state differs answers with a diff of stored content and its own state, so both converge.
 * Rooms also re-read the store after an outage and periodically, for what a peer stored but
 * never got to publish (it crashed in between).
 */
export class AntiEntropy {
  constructor(
    private readonly options: AntiEntropyOptions,
    private readonly channel: ResyncChannel,
  ) {}

  /** One round for a room; then the next one is scheduled. */
  tick(entry: AttachedRoom): void {
    if (!this.channel.attached(entry)) return;
    if (this.channel.connected()) {
      const { stateVector, digest } = entry.room.syncState();
      this.channel.publish(entry.room.storyId, {
        kind: FanoutKind.state,
        stateVector,
        digest,
        wantsReply: true,
      });
      const now = Date.now();
      if (
        entry.storeReadDue ||
        now - entry.lastStoreRead >= this.options.storeResyncIntervalMs
      ) {
        entry.storeReadDue = false;
        entry.lastStoreRead = now;
        entry.room.resyncFromStore();
      }
    }
    // Jittered, so that the rooms of one server (and the servers) do not tick in step.
    this.schedule(
      entry,
      this.options.resyncIntervalMs * (0.75 + Math.random() / 2),
    );
  }

  /** The room's next round in `delayMs` (instead of when it was due). */
  schedule(entry: AttachedRoom, delayMs: number): void {
    this.stop(entry);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.tick(entry);
    }, delayMs);
    entry.timer.unref();
  }

  stop(entry: AttachedRoom): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  /** Redis is back after an outage: every loaded room catches up, from peers and store. */
  afterOutage(entries: Iterable<AttachedRoom>): void {
    for (const entry of entries) {
      if (entry.held) continue;
      entry.storeReadDue = true;
      this.schedule(entry, Math.random() * RECONNECT_SPREAD_MS);
    }
  }

  /**
   * A peer told us what it holds. If it differs from what we hold, send it the stored content
   * it lacks (the diff also carries our whole delete set) and, if it asked, our own state, so
   * that it sends back what we lack. A reply never asks for a reply: no ping-pong.
   */
  answerState(
    entry: AttachedRoom,
    peer: string,
    body: Extract<FanoutBody, { kind: typeof FanoutKind.state }>,
  ): void {
    const { room } = entry;
    if (body.wantsReply) {
      const presence = room.localAwareness();
      if (presence)
        this.channel.publish(
          room.storyId,
          { kind: FanoutKind.awareness, update: presence },
          peer,
        );
    }
    if (equalBytes(room.syncState().digest, body.digest)) return;
    room.storedDiff(body.stateVector, (diff) => {
      if (!this.channel.attached(entry)) return;
      this.options.metrics.peerDiffs.inc();
      this.channel.publish(
        room.storyId,
        { kind: FanoutKind.diff, update: diff },
        peer,
      );
      if (body.wantsReply) {
        const mine = room.syncState();
        this.channel.publish(
          room.storyId,
          {
            kind: FanoutKind.state,
            stateVector: mine.stateVector,
            digest: mine.digest,
            wantsReply: false,
          },
          peer,
        );
      }
    });
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
