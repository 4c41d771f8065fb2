import * as Y from "yjs";
import type { Store } from "../lib/db/client";
import {
  appendDocumentUpdates,
  compactDocument,
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
 * update's `afterStored` (broadcast) and a barrier's `run` (acknowledgement, sync reply) run
 * only after every update queued before them is committed.
 */
export class DocumentWriter {
  private queue: Entry[] = [];
  private draining = false;
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

  /** Resolves when nothing is queued or being written. */
  idle(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Commits whatever is queued now, without waiting for the batch window. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      void this.drain();
    }
    await this.idle();
  }

  private schedule(): void {
    if (this.draining || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, this.options.batchWindowMs);
  }

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
          const merged =
            updates.length === 1 ? updates : [Y.mergeUpdates(updates)];
          const ok = await this.persistWithRetry(merged);
          if (!ok) return;
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

/** The store operations the collaboration server uses, bound to one store. */
export interface DocumentPersistence {
  append(
    storyId: string,
    updates: Uint8Array[],
    touch: StoryTouch,
  ): Promise<void>;
  compact(storyId: string): Promise<number>;
}

export function storePersistence(store: Store): DocumentPersistence {
  return {
    append: (storyId, updates, touch) =>
      appendDocumentUpdates(store, storyId, updates, touch),
    compact: (storyId) => compactDocument(store, storyId),
  };
}
