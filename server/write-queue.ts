import * as Y from "yjs";
import type { StoryTouch } from "../lib/db/documents";
import { createLogger, describeError } from "../lib/log";

const log = createLogger("persistence");

type Entry =
  | { kind: "update"; update: Uint8Array; afterStored: () => void }
  | { kind: "barrier"; run: () => void };

export interface WriterOptions {
  /** Called after each of this document's commits with the rows it wrote. */
  onCommit?: (rows: number) => void;
  /** Called when the store keeps failing; the document must be dropped without acknowledging. */
  onFatal: (error: unknown) => void;
  /** Denormalised fields to refresh with the next commit. */
  touch: () => StoryTouch;
}

const RETRY_DELAYS_MS = [50, 200, 1000, 3000];

/**
 * The write queue of one document. Updates are committed in batches, in arrival order; an
 * update's `afterStored` (publish) and a barrier's `run` (acknowledgement, sync reply) run only
 * after every update queued before them is committed. A batch is handed to the persistence at
 * the end of the event loop's pass that queued it (the persistence groups the batches of
 * all documents into commits); its retries belong to this document alone.
 */
export class DocumentWriter {
  private queue: Entry[] = [];
  private queued = 0;
  private draining = false;
  private scheduled = false;
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
    this.handOver();
    await this.idle();
  }

  /**
   * Hands what is queued to the store now rather than at the end of the event loop's pass (the
   * commit still waits for its turn in the group commit).
   */
  handOver(): void {
    if (this.scheduled) this.run();
  }

  private schedule(): void {
    if (this.draining || this.scheduled) return;
    this.scheduled = true;
    // Once the event loop has read every socket that was ready: every edit read in that pass is
    // relayed before any is handed to the store (and the story's words recounted for it).
    setImmediate(this.run);
  }

  private readonly run = (): void => {
    if (!this.scheduled) return;
    this.scheduled = false;
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
      try {
        await this.persist(updates, this.options.touch());
        this.options.onCommit?.(updates.length);
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
