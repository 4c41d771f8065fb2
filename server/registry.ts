import type { FanoutControl } from "../lib/collab/fanout";
import { CloseCode } from "../lib/collab/protocol";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import type { Connection } from "./connection";
import { Room } from "./documents";
import type { Fanout } from "./fanout/fanout";
import type { Metrics } from "./metrics";
import type { DocumentPersistence } from "./persistence";
import type { WriterClaimLog } from "./authorship";
import { Refusal } from "./refusal";

const log = createLogger("documents");

export interface RegistryOptions {
  persistence: DocumentPersistence;
  config: CollabConfig;
  metrics: Metrics;
  fanout: Fanout;
  /** Handles control messages about a story (none are defined yet: they are logged). */
  onControl?: (room: Room, control: FanoutControl) => void;
  /** Someone joined or left a story (for the presence reports). */
  onMembersChanged?: () => void;
  /** A socket's edit, by `userId`, is stored. */
  onStoredEdit?: (room: Room, userId: string) => void;
  /** Records who writes under which client id. */
  writerClaims?: WriterClaimLog;
  /** A story's document was unloaded. */
  onUnloaded?: (storyId: string) => void;
}

/**
 * The loaded documents. One shared load per document, awaited before any socket syncs; a
 * failed load is forgotten (never kept half-loaded); a document is unloaded only once it has
 * no socket and no pending write.
 */
export class DocumentRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly loaded = new Map<string, Room>();

  constructor(private readonly options: RegistryOptions) {}

  get size(): number {
    return this.loaded.size;
  }

  /** Every loaded room (for shutdown and metrics). */
  all(): Room[] {
    return [...this.loaded.values()];
  }

  /** The loaded room of a story, if any. */
  get(storyId: string): Room | undefined {
    return this.loaded.get(storyId);
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
    this.options.onMembersChanged?.();
    return room;
  }

  /** Removes a socket; unloads the room when it was the last one and writes have settled. */
  leave(room: Room, connection: Connection): void {
    if (room.connections.delete(connection)) this.options.onMembersChanged?.();
    if (room.connections.size > 0 || room.closed) return;
    void room.writer.idle().then(() => {
      if (
        room.connections.size === 0 &&
        !room.closed &&
        !room.writer.pending &&
        this.loaded.get(room.storyId) === room
      )
        this.unload(room);
    });
  }

  /** Resolves once no document is being loaded (shutdown waits for loads in progress). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.rooms.values()]);
  }

  /** Flushes every room's pending writes. */
  async flushAll(): Promise<void> {
    const flush = () =>
      Promise.all(this.all().map((room) => room.writer.flush()));
    const { persistence } = this.options;
    await (persistence.urgently ? persistence.urgently(flush) : flush());
  }

  private unload(room: Room): void {
    this.loaded.delete(room.storyId);
    this.rooms.delete(room.storyId);
    this.options.fanout.detach(room);
    room.destroy();
    this.options.metrics.documents.set(this.loaded.size);
    this.options.onUnloaded?.(room.storyId);
  }

  private async load(storyId: string): Promise<Room> {
    const { persistence, config, metrics, fanout } = this.options;
    const started = performance.now();
    const room = new Room(storyId, {
      persistence,
      config,
      metrics,
      fanout,
      onFatal: (failed) => this.dropFailed(failed),
      onStoredEdit: this.options.onStoredEdit,
      writerClaims: this.options.writerClaims,
      onControl:
        this.options.onControl ??
        ((r, control) =>
          log.info("control message without a handler", {
            storyId: r.storyId,
            type: control.type,
          })),
    });
    // Subscribe before reading: whatever another server stores after the read is then heard.
    await fanout.attach(room);
    let stored;
    try {
      stored = await persistence.load(storyId);
    } catch (error) {
      fanout.detach(room);
      room.destroy();
      log.error("loading document failed", {
        storyId,
        error: describeError(error),
      });
      throw new Refusal(
        CloseCode.tryAgainLater,
        "try again later: the document could not be loaded",
      );
    }
    room.load(stored.updates);
    room.storedRows = stored.ids.length;
    this.loaded.set(storyId, room);
    metrics.documents.set(this.loaded.size);
    metrics.loadSeconds.observe((performance.now() - started) / 1000);
    fanout.ready(room);
    // A long log (e.g. left by a crash before compaction) is merged now, not at the next edit.
    if (room.storedRows >= config.compactAfterRows) room.scheduleCompaction();
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
