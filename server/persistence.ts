import * as Y from "yjs";
import type { Store } from "../lib/db/client";
import { documentAppender, type DocumentAppender } from "../lib/db/appender";
import {
  compactDocument,
  readDocumentUpdates,
  type DocumentAppend,
  type StoredDocument,
  type StoryTouch,
} from "../lib/db/documents";
import { createLogger, describeError } from "../lib/log";

const log = createLogger("persistence");

type Entry =
  | { kind: "update"; update: Uint8Array; afterStored: () => void }
  | { kind: "barrier"; run: () => void };

export interface WriterOptions {
  batchWindowMs: number;
  /** Called after each commit with the time it took (ms). */
  onCommit?: (ms: number, updates: number) => void;
  /** Called when the store keeps failing; the document must be dropped without acknowledging. */
  onFatal: (error: unknown) => void;
  /** Denormalised fields to refresh with the next commit. */
  touch: () => StoryTouch;
}

const RETRY_DELAYS_MS = [50, 200, 1000, 3000];

/**
 * The write queue of one document. Updates are committed in batches, in arrival order; an
 * update's `afterStored` (broadcast, publish) and a barrier's `run` (acknowledgement, sync reply)
 * run only after every update queued before them is committed. Its one timer and its retries
 * belong to this document alone.
 */
export class DocumentWriter {
  private queue: Entry[] = [];
  private queued = 0;
  private draining = false;
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];
  private failed = false;

  constructor(
    private readonly storyId: string,
    private readonly persist: (
      updates: Uint8Array[],
      touch: StoryTouch,
    ) => Promise<void>,
    private readonly options: WriterOptions,
  ) {}

  /** Queues an update for storage; `afterStored` runs once it is committed. */
  enqueue(update: Uint8Array, afterStored: () => void): void {
    if (this.failed) return;
    this.queue.push({ kind: "update", update, afterStored });
    this.queued += update.byteLength;
    this.schedule();
  }

  /** Runs `run` once everything queued so far is committed (at once when nothing is pending). */
  barrier(run: () => void): void {
    if (this.failed) return;
    if (!this.draining && this.queue.length === 0) {
      run();
      return;
    }
    this.queue.push({ kind: "barrier", run });
    this.schedule();
  }

  /** Whether a write is queued or in progress. */
  get pending(): boolean {
    return this.draining || this.queue.length > 0;
  }

  /** Bytes of updates waiting to be committed or being committed. */
  get pendingBytes(): number {
    return this.queued;
  }

  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Commits whatever is queued now, without waiting for the batch window. */
  async flush(): Promise<void> {
    if (this.scheduled) this.run();
    await this.idle();
  }

  private schedule(): void {
    if (this.draining || this.scheduled) return;
    this.scheduled = true;
    if (this.options.batchWindowMs > 0)
      this.timer = setTimeout(this.run, this.options.batchWindowMs);
    // Without a window, commit once the current turn has queued everything it received.
    else queueMicrotask(this.run);
  }

  private readonly run = (): void => {
    if (!this.scheduled) return;
    this.scheduled = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.drain();
  };

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.failed) {
        const batch = this.queue.splice(0);
        const updates = batch.flatMap((e) =>
          e.kind === "update" ? [e.update] : [],
        );
        if (updates.length > 0) {
          const ok = await this.persistWithRetry(mergeInChunks(updates));
          if (!ok) return;
          for (const u of updates) this.queued -= u.byteLength;
        }
        for (const entry of batch) {
          try {
            if (entry.kind === "update") entry.afterStored();
            else entry.run();
          } catch (error) {
            log.error("post-commit callback failed", {
              storyId: this.storyId,
              error: describeError(error),
            });
          }
        }
      }
    } finally {
      this.draining = false;
      if (this.queue.length > 0 && !this.failed) this.schedule();
      else this.resolveIdle();
    }
  }

  private async persistWithRetry(updates: Uint8Array[]): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        await this.persist(updates, this.options.touch());
        this.options.onCommit?.(performance.now() - started, updates.length);
        return true;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          log.error("giving up storing document updates", {
            storyId: this.storyId,
            error: describeError(error),
          });
          this.failed = true;
          this.queue = [];
          this.queued = 0;
          this.resolveIdle();
          this.options.onFatal(error);
          return false;
        }
        log.warn("storing document updates failed; retrying", {
          storyId: this.storyId,
          attempt,
          error: describeError(error),
        });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}

/** Rows per merged row: Y.mergeUpdates costs grow with the square of what it merges. */
const MERGE_CHUNK = 64;

/** A batch as few rows: every MERGE_CHUNK updates merged into one. */
function mergeInChunks(updates: Uint8Array[]): Uint8Array[] {
  if (updates.length === 1) return updates;
  const rows: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += MERGE_CHUNK)
    rows.push(Y.mergeUpdates(updates.slice(i, i + MERGE_CHUNK)));
  return rows;
}

/** The store operations the collaboration server uses, bound to one store. */
export interface DocumentPersistence {
  /** Every stored update of a story (tests slow this down to prove nobody syncs half a story). */
  load(storyId: string): Promise<StoredDocument>;
  /** Appends updates durably: resolves only once they are committed. */
  append(
    storyId: string,
    updates: Uint8Array[],
    touch: StoryTouch,
  ): Promise<void>;
  /** Merges the story's log into one row; resolves with the number of rows merged. */
  compact(storyId: string): Promise<number>;
  /** Releases resources (called after the final flush). */
  close?(): Promise<void>;
}

interface PendingAppend extends DocumentAppend {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** At most this many documents share one commit, so one commit never holds the lock for long. */
const MAX_GROUP = 256;

/**
 * Group commit: appends requested by any document while a commit is running (or in the same
 * turn of the event loop) are committed together, one fsync for all. A failed group is retried
 * one document at a time, so one story's failure never fails another's write.
 */
class GroupCommit {
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private running = false;

  constructor(private readonly appender: DocumentAppender) {}

  append(
    storyId: string,
    updates: Uint8Array[],
    touch: StoryTouch,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ storyId, updates, touch, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        const group = this.pending.splice(0, MAX_GROUP);
        try {
          await this.appender.append(group);
          for (const g of group) g.resolve();
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const g of group) {
            try {
              await this.appender.append([g]);
              g.resolve();
            } catch (single) {
              g.reject(single);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** The store-backed persistence: grouped durable appends, loads and compaction. */
export function storePersistence(store: Store): DocumentPersistence {
  const appender = documentAppender(store);
  const group = new GroupCommit(appender);
  return {
    load: (storyId) => readDocumentUpdates(store.db, storyId),
    append: (storyId, updates, touch) => group.append(storyId, updates, touch),
    compact: (storyId) => compactDocument(store, storyId),
    close: () => appender.close(),
  };
}
