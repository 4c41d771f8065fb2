import { createHash } from "node:crypto";
import * as Y from "yjs";
import type { FanoutControl } from "../lib/collab/fanout";
import type { CloseCodeValue } from "../lib/collab/protocol";
import { syncStep1Message, syncUpdateMessage } from "../lib/collab/wire";
import { applyAll } from "../lib/db/documents";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import type { Connection } from "./connection";
import { DerivedFields } from "./derived-fields";
import type { ConnectionRoom } from "./connection-room";
import type { Fanout, FanoutRoom } from "./fanout/fanout";
import { broadcast } from "./fanout/local";
import type { Metrics } from "./metrics";
import {
  isTransactionOrigin,
  LOAD_ORIGIN,
  PEER_ORIGIN,
  STORE_ORIGIN,
  type TransactionOrigin,
} from "./origins";
import type { DocumentPersistence } from "./persistence";
import { DocumentWriter } from "./write-queue";
import type { PresenceMember } from "./presence-guard";
import { RoomPresence } from "./room-presence";
import { StoryGuard, type UpdateOutcome } from "./story-guard";
import { RoomWriters, type WriterClaimLog } from "./authorship";
import type { Writer } from "../lib/editor/update-guard";

const log = createLogger("documents");

/**
 * Above this many sockets a socket's edit is handed to the store before it is broadcast. Each
 * send is a system call (tens of µs on a VM), so from about here the broadcast lasts as long as
 * a commit. Smaller rooms hand over at the end of the event loop's pass, so that every edit read
 * in that pass, of every story, shares one hand-over and one commit.
 */
const HAND_OVER_BEFORE_BROADCAST_ABOVE = 16;

/** What a room may ask of a socket in it (server/connection.ts implements it). */
export interface RoomMember extends PresenceMember {
  /** The origin of the transactions that apply what the socket sent. */
  readonly origin: TransactionOrigin;
  /** The account writing through the socket (new comments must be signed with it). */
  readonly writer: Writer;
  /** Whether what the socket writes must be suggestions only (an author in review). */
  readonly suggestOnly: boolean;
  /** Sends a frame; never waits for the client. */
  send(message: Uint8Array): void;
  /** Closes the socket with a code its client can act on. */
  close(code: CloseCodeValue, reason: string): void;
  /** The awareness client ids this socket controls. */
  awarenessClientIds(): number[];
  /** Records which awareness client ids this socket controls (removed when it closes). */
  trackAwarenessClients(added: number[], removed: number[]): void;
  /** Its first `sequence` update messages are stored; the store holds `storedState`. */
  stored(sequence: number, storedState: Uint8Array): void;
}

/** What a room needs from the server around it. */
interface RoomContext<Member extends RoomMember> {
  persistence: DocumentPersistence;
  config: CollabConfig;
  metrics: Metrics;
  fanout: Fanout;
  /** The store refused this room's writes for good. */
  onFatal: (room: Room<Member>) => void;
  onControl: (room: Room<Member>, control: FanoutControl) => void;
  /** A socket's edit, by `userId`, is stored (approval watches the text). */
  onStoredEdit?: (room: Room<Member>, userId: string) => void;
  /** Where the accounts writing under new client ids are recorded ("who wrote what"). */
  writerClaims?: WriterClaimLog;
}

/**
 * A loaded story document with the sockets editing it. What happens to a change is decided by
 * its transaction origin: a socket's update is broadcast to this server's sockets (at once or
 * after its commit: `localBroadcast`), stored, then acknowledged and published to other
 * servers; updates from peers and store re-reads are only broadcast to local sockets; loaded
 * content does neither. Its sockets see it as a ConnectionRoom, and it sees them as RoomMembers.
 */
export class Room<Member extends RoomMember = Connection>
  implements FanoutRoom, ConnectionRoom
{
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<Member>();
  readonly writer: DocumentWriter;
  private readonly guard: StoryGuard;
  private readonly roomPresence: RoomPresence;
  private readonly writers: RoomWriters | null;
  private readonly derived: DerivedFields;
  /** Rows in the store's log for this story (approximate: counts our own appends). */
  storedRows = 0;
  closed = false;
  private compacting = false;
  private rereading = false;

  constructor(
    readonly storyId: string,
    private readonly context: RoomContext<Member>,
  ) {
    const { config, persistence } = context;
    this.derived = new DerivedFields(storyId, this.doc);
    this.guard = new StoryGuard(
      storyId,
      this.doc,
      config.maxStoryBytes,
      context.metrics,
    );
    this.writers = context.writerClaims
      ? new RoomWriters(storyId, context.writerClaims)
      : null;
    this.roomPresence = new RoomPresence(
      this.doc,
      () => this.connections,
      config.presenceRelayMs,
      // Alone (no Redis), there is no one to publish to: not even encoded then.
      context.fanout.status() === "off"
        ? null
        : (update) => context.fanout.publishAwareness(storyId, update),
    );
    this.writer = new DocumentWriter(
      storyId,
      (updates, touch) => persistence.append(storyId, updates, touch),
      {
        touch: () => this.derived.take(),
        onCommit: (rows) => {
          this.storedRows += rows;
          if (this.storedRows >= config.compactAfterRows)
            this.scheduleCompaction();
        },
        onFatal: () => context.onFatal(this),
      },
    );
  }

  /**
   * Applies the stored content, repairs what of it does not fit the story's schema, then starts
   * listening for changes. In that order because with an update listener Yjs encodes every
   * transaction for it: for a long story's load that costs more than the load itself, to
   * produce an update nobody needs.
   */
  load(updates: readonly Uint8Array[]): void {
    applyAll(this.doc, updates, LOAD_ORIGIN);
    this.guard.loaded(updates.reduce((sum, u) => sum + u.byteLength, 0));
    const repair = this.guard.repairLoaded(LOAD_ORIGIN);
    if (repair) {
      // Stored like an edit (and published to other servers), so no later load redoes it; the
      // derived fields are refreshed with it. Sockets get the repaired story in their first sync.
      this.derived.markChanged();
      this.writer.enqueue(repair, () =>
        this.context.fanout.publishUpdate(this.storyId, repair),
      );
    }
    this.doc.on("update", this.handleDocUpdate);
    this.derived.follow();
    this.roomPresence.follow();
  }

  applyUpdate(update: Uint8Array, from: RoomMember): UpdateOutcome {
    return this.guard.apply(update, from.writer, from.origin, from.suggestOnly);
  }

  presenceOpensIn(): number {
    return this.roomPresence.opensIn();
  }

  applyAwareness(update: Uint8Array, from: RoomMember): void {
    this.roomPresence.admit(update, from);
  }

  removeAwareness(clientIds: number[], from: RoomMember): void {
    this.roomPresence.remove(clientIds, from);
  }

  acknowledgeWhenStored(sequence: number, to: RoomMember): void {
    // Everything in the document now is queued before this barrier, so stored when it runs.
    const storedState = Y.encodeStateVector(this.doc);
    this.writer.barrier(() => to.stored(sequence, storedState));
  }

  writesBehind(): boolean {
    return this.writer.pendingBytes > this.context.config.maxPendingWriteBytes;
  }

  writesDrained(): Promise<void> {
    return this.writer.idle();
  }

  applyPeerUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, PEER_ORIGIN);
  }

  applyPeerAwareness(update: Uint8Array): void {
    this.roomPresence.applyPeer(update);
  }

  syncState(): { stateVector: Uint8Array; digest: Uint8Array } {
    const stateVector = Y.encodeStateVector(this.doc);
    // A state vector alone misses deletions; the snapshot adds the delete set (both encoded in
    // a canonical order, so equal documents give equal digests).
    const digest = createHash("sha1")
      .update(Y.encodeSnapshot(Y.snapshot(this.doc)))
      .digest();
    return { stateVector, digest: new Uint8Array(digest) };
  }

  storedDiff(
    stateVector: Uint8Array,
    deliver: (update: Uint8Array) => void,
  ): void {
    // Computed now: everything in the document now is stored or queued before the barrier.
    // Computed when the barrier runs, it could include updates received since, not yet stored.
    const diff = Y.encodeStateAsUpdate(this.doc, stateVector);
    this.writer.barrier(() => deliver(diff));
  }

  localAwareness(): Uint8Array | null {
    return this.roomPresence.local();
  }

  resyncFromStore(): void {
    if (this.rereading || this.closed) return;
    this.rereading = true;
    this.context.metrics.storeResyncs.inc();
    void this.context.persistence
      .load(this.storyId)
      .then((stored) => {
        if (!this.closed) applyAll(this.doc, stored.updates, STORE_ORIGIN);
      })
      .catch((error: unknown) =>
        log.warn("re-reading a document from the store failed", {
          storyId: this.storyId,
          error: describeError(error),
        }),
      )
      .finally(() => {
        this.rereading = false;
      });
  }

  handleControl(control: FanoutControl): void {
    if (!this.closed) this.context.onControl(this, control);
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (origin === null && transaction.local) {
      this.storeFormattingCleanup(update);
      return;
    }
    if (!isTransactionOrigin(origin) || origin.kind === "load") return;
    const { metrics, fanout } = this.context;
    metrics.updates.inc();
    const message = syncUpdateMessage(update);
    if (origin.kind === "socket") {
      const sender = origin.connection;
      this.writers?.applied(update, transaction, sender.writer.id);
      const immediate = this.context.config.localBroadcast === "immediate";
      // Acknowledgements and other servers only ever see what is stored (a peer server could
      // not restore what it never stored; an acknowledged edit must survive a crash).
      this.writer.enqueue(update, () => {
        metrics.storedUpdates.inc();
        this.context.onStoredEdit?.(this, sender.writer.id);
        if (!immediate) broadcast(this.connections, message, sender);
        fanout.publishUpdate(this.storyId, update);
      });
      if (immediate) {
        // In a big room the broadcast takes longer than a commit: the store commits meanwhile,
        // instead of after it, and the sender's acknowledgement does not wait for both in turn.
        if (this.connections.size > HAND_OVER_BEFORE_BROADCAST_ABOVE)
          this.writer.handOver();
        broadcast(this.connections, message, sender);
      }
    } else {
      broadcast(this.connections, message, null);
    }
  };

  /**
   * After a remote change to formatted text, Yjs deletes the marks it made redundant in a
   * transaction of its own, with no origin. It is part of what the room holds, so it is stored
   * and sent like an edit: a replay of the log in one pass cleans up only at its end, and a mark
   * the room deleted before a later edit could come back there (docs/collaboration.md).
   */
  private storeFormattingCleanup(update: Uint8Array): void {
    const { metrics, fanout } = this.context;
    metrics.updates.inc();
    const message = syncUpdateMessage(update);
    this.writer.enqueue(update, () => {
      metrics.storedUpdates.inc();
      broadcast(this.connections, message, null);
      fanout.publishUpdate(this.storyId, update);
    });
  }

  /** Merges the story's log into one row, in the background (cold opens stay fast). */
  scheduleCompaction(): void {
    if (this.compacting) return;
    this.compacting = true;
    void this.context.persistence
      .compact(this.storyId)
      .then((merged) => {
        this.storedRows = Math.max(1, this.storedRows - merged + 1);
        log.debug("compacted document", { storyId: this.storyId, merged });
      })
      .catch((error: unknown) =>
        log.warn("compaction failed", {
          storyId: this.storyId,
          error: describeError(error),
        }),
      )
      .finally(() => {
        this.compacting = false;
      });
  }

  greeting(): Uint8Array[] {
    const messages = [syncStep1Message(this.doc)];
    if (this.roomPresence.anyone) messages.push(this.roomPresence.everyone());
    return messages;
  }

  syncStep1(): Uint8Array {
    return syncStep1Message(this.doc);
  }

  presence(): Uint8Array {
    return this.roomPresence.everyone();
  }

  destroy(): void {
    this.closed = true;
    this.roomPresence.destroy();
    this.doc.off("update", this.handleDocUpdate);
    this.doc.destroy();
  }
}
