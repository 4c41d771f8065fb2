import * as awarenessProtocol from "y-protocols/awareness";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import {
  CloseCode,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
} from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import {
  applyAll,
  readDocumentUpdates,
  type StoryTouch,
} from "../lib/db/documents";
import { readSingleLine } from "../lib/editor/story-document";
import { Y_HEADLINE } from "../lib/editor/names";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import type { Connection } from "./connection";
import { broadcast } from "./fanout/local";
import type { Metrics } from "./metrics";
import { isTransactionOrigin, LOAD_ORIGIN } from "./origins";
import { DocumentWriter, type DocumentPersistence } from "./persistence";
import { Refusal } from "./refusal";
import * as syncProtocol from "y-protocols/sync";

const log = createLogger("documents");

/** A loaded story document with the sockets editing it. */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  readonly writer: DocumentWriter;
  private headlineDirty = false;
  /** Rows in the store's log for this story (approximate: counts our own appends). */
  storedRows = 0;
  closed = false;

  constructor(
    readonly storyId: string,
    private readonly persistence: DocumentPersistence,
    private readonly config: CollabConfig,
    private readonly metrics: Metrics,
    private readonly onFatal: (room: Room) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server holds no presence of its own.
    this.awareness.setLocalState(null);
    this.writer = new DocumentWriter(
      storyId,
      (updates, touch) => this.persistence.append(storyId, updates, touch),
      {
        batchWindowMs: config.batchWindowMs,
        touch: () => this.takeTouch(),
        onCommit: (ms, count) => {
          this.storedRows += count;
          this.metrics.commitLatency.observe(ms / 1000);
          if (this.storedRows >= this.config.compactAfterRows)
            this.scheduleCompaction();
        },
        onFatal: () => this.onFatal(this),
      },
    );
    this.doc.on("update", this.handleDocUpdate);
    this.doc.getXmlFragment(Y_HEADLINE).observeDeep(() => {
      this.headlineDirty = true;
    });
    this.awareness.on("update", this.handleAwarenessUpdate);
  }

  /** Applies a client's update to the document; it is stored, then broadcast, by origin. */
  applyClientUpdate(update: Uint8Array, connection: Connection): void {
    Y.applyUpdate(this.doc, update, connection.origin);
  }

  private readonly handleDocUpdate = (
    update: Uint8Array,
    origin: unknown,
  ): void => {
    if (!isTransactionOrigin(origin) || origin.kind === "load") return;
    this.metrics.updates.inc();
    const message = encodeSyncUpdate(update);
    if (origin.kind === "socket") {
      const sender = origin.connection;
      // Durability first: nobody sees an update the store does not hold.
      this.writer.enqueue(update, () =>
        broadcast(this.connections, message, sender),
      );
    } else {
      broadcast(this.connections, message, null);
    }
  };

  private readonly handleAwarenessUpdate = (
    {
      added,
      updated,
      removed,
    }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (isTransactionOrigin(origin) && origin.kind === "socket") {
      origin.connection.trackAwarenessClients(added, removed);
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed),
    );
    const sender =
      isTransactionOrigin(origin) && origin.kind === "socket"
        ? origin.connection
        : null;
    broadcast(this.connections, encoding.toUint8Array(encoder), sender);
  };

  private takeTouch(): StoryTouch {
    if (!this.headlineDirty) return {};
    this.headlineDirty = false;
    return { headline: readSingleLine(this.doc, Y_HEADLINE) };
  }

  private compacting = false;
  private scheduleCompaction(): void {
    if (this.compacting) return;
    this.compacting = true;
    void this.persistence
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

  /** Sync step 1 + every known awareness state: what a socket receives once the document is ready. */
  greeting(): Uint8Array[] {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.doc);
    const messages = [encoding.toUint8Array(sync)];
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        aw,
        awarenessProtocol.encodeAwarenessUpdate(
          this.awareness,
          Array.from(states.keys()),
        ),
      );
      messages.push(encoding.toUint8Array(aw));
    }
    return messages;
  }

  destroy(): void {
    this.closed = true;
    this.doc.off("update", this.handleDocUpdate);
    this.awareness.off("update", this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The loaded documents. One shared load per document, awaited before any socket syncs; a
 * failed load is forgotten (never kept half-loaded); a document is unloaded only once it has
 * no socket and no pending write.
 */
export class DocumentRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly loaded = new Map<string, Room>();

  constructor(
    private readonly store: Store,
    private readonly persistence: DocumentPersistence,
    private readonly config: CollabConfig,
    private readonly metrics: Metrics,
  ) {}

  get size(): number {
    return this.loaded.size;
  }

  /** Every loaded room (for shutdown and metrics). */
  all(): Room[] {
    return [...this.loaded.values()];
  }

  /** The room of a story, loading it from the store on first use. Throws Refusal on load failure. */
  async join(storyId: string, connection: Connection): Promise<Room> {
    let pending = this.rooms.get(storyId);
    if (!pending) {
      pending = this.load(storyId);
      this.rooms.set(storyId, pending);
      pending.catch(() => {
        if (this.rooms.get(storyId) === pending) this.rooms.delete(storyId);
      });
    }
    const room = await pending;
    if (room.closed) return this.join(storyId, connection);
    room.connections.add(connection);
    return room;
  }

  /** Removes a socket; unloads the room when it was the last one and writes have settled. */
  leave(room: Room, connection: Connection): void {
    room.connections.delete(connection);
    if (room.connections.size > 0 || room.closed) return;
    void room.writer.idle().then(() => {
      if (
        room.connections.size === 0 &&
        !room.closed &&
        this.loaded.get(room.storyId) === room
      )
        this.unload(room);
    });
  }

  /** Flushes every room's pending writes. */
  async flushAll(): Promise<void> {
    await Promise.all(this.all().map((room) => room.writer.flush()));
  }

  private unload(room: Room): void {
    this.loaded.delete(room.storyId);
    this.rooms.delete(room.storyId);
    room.destroy();
    this.metrics.documents.set(this.loaded.size);
  }

  private async load(storyId: string): Promise<Room> {
    const started = performance.now();
    let stored;
    try {
      stored = await readDocumentUpdates(this.store.db, storyId);
    } catch (error) {
      log.error("loading document failed", {
        storyId,
        error: describeError(error),
      });
      throw new Refusal(
        CloseCode.tryAgainLater,
        "try again later: the document could not be loaded",
      );
    }
    const room = new Room(
      storyId,
      this.persistence,
      this.config,
      this.metrics,
      (failed) => this.dropFailed(failed),
    );
    applyAll(room.doc, stored.updates, LOAD_ORIGIN);
    room.storedRows = stored.ids.length;
    this.loaded.set(storyId, room);
    this.metrics.documents.set(this.loaded.size);
    this.metrics.loadSeconds.observe((performance.now() - started) / 1000);
    return room;
  }

  /** The store refused writes for good: drop the room unacknowledged; clients resend on reconnect. */
  private dropFailed(room: Room): void {
    for (const connection of [...room.connections]) {
      connection.close(
        CloseCode.tryAgainLater,
        "try again later: the document could not be stored",
      );
    }
    if (this.loaded.get(room.storyId) === room) this.unload(room);
  }
}
