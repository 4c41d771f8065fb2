import type { Store } from "../lib/db/client";
import { documentAppender, type DocumentAppender } from "../lib/db/appender";
import {
  compactDocument,
  readDocumentUpdates,
  type DocumentAppend,
  type StoredDocument,
  type StoryTouch,
} from "../lib/db/documents";

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
  /** Runs `work` with appends committed at once instead of after the batch window (shutdown). */
  urgently?<T>(work: () => Promise<T>): Promise<T>;
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

export interface GroupCommitOptions {
  /**
   * Under sustained load, commits start at most once per this many ms: an append waits for the
   * next start, sharing its commit with every other story's appends meanwhile. 0: never wait.
   */
  windowMs: number;
  /**
   * Commits that may start without waiting after a quiet spell (a token bucket of this size,
   * refilled one token per window), so that a keystroke now and then is committed at once and
   * only a sustained rate above one commit per window waits. At least 1.
   */
  burst: number;
  /** Called after each commit with the time the store took (ms). */
  onCommit?: (ms: number) => void;
}

/**
 * Group commit: appends requested by any document while a commit runs, or while the next commit
 * waits for its turn, are committed together, one fsync for all. With many stories open, a commit
 * per keystroke would keep the store, its thread and the hand-offs to it busy at the expense of
 * everyone's keystrokes; so commits are rationed (`windowMs`, `burst`), and a quiet story is
 * committed at once. A failed group is retried one document at a time, so one story's failure
 * never fails another's write.
 */
class GroupCommit {
  private pending: PendingAppend[] = [];
  /** Starts the next commit when its turn comes (unless an append starts it first). */
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private urgent = 0;
  /** The bucket's size: commits that may start back to back. */
  private readonly capacity: number;
  private tokens: number;
  private refilledAt = performance.now();

  constructor(
    private readonly appender: DocumentAppender,
    private readonly options: GroupCommitOptions,
  ) {
    this.capacity = Math.max(1, options.burst);
    this.tokens = this.capacity;
  }

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

  async urgently<T>(work: () => Promise<T>): Promise<T> {
    this.urgent += 1;
    this.schedule();
    try {
      return await work();
    } finally {
      this.urgent -= 1;
    }
  }

  /**
   * Starts a commit of what is pending if one may start now; otherwise makes sure one starts
   * when it may. Called on every append, so an append arriving once the turn has come starts the
   * commit itself and the timer never has to wake the process.
   */
  private schedule(): void {
    if (this.running || this.pending.length === 0) return;
    const wait = this.urgent > 0 ? 0 : this.untilTurn();
    if (wait > 0) {
      this.timer ??= setTimeout(this.onTurn, wait);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.urgent === 0 && this.options.windowMs > 0) this.tokens -= 1;
    void this.run();
  }

  private readonly onTurn = (): void => {
    this.timer = null;
    this.schedule();
  };

  /** Milliseconds until the next commit may start (0: now), refilling the bucket first. */
  private untilTurn(): number {
    const { windowMs } = this.options;
    if (windowMs <= 0) return 0;
    const now = performance.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + (now - this.refilledAt) / windowMs,
    );
    this.refilledAt = now;
    // A timer may fire a hair early: a token that is all but whole counts as whole.
    return this.tokens >= 0.999 ? 0 : (1 - this.tokens) * windowMs;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      const group = this.pending.splice(0, MAX_GROUP);
      const started = performance.now();
      try {
        await this.appender.append(group);
        this.options.onCommit?.(performance.now() - started);
        for (const g of group) g.resolve();
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(error);
          return;
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
    } finally {
      this.running = false;
      // What arrived meanwhile: committed at once if its turn has come, else when it comes.
      this.schedule();
    }
  }
}

/** The store-backed persistence: grouped durable appends, loads and compaction. */
export function storePersistence(
  store: Store,
  options: GroupCommitOptions = { windowMs: 0, burst: 1 },
): DocumentPersistence {
  const appender = documentAppender(store);
  const group = new GroupCommit(appender, options);
  return {
    load: (storyId) => readDocumentUpdates(store.db, storyId),
    append: (storyId, updates, touch) => group.append(storyId, updates, touch),
    urgently: (work) => group.urgently(work),
    compact: (storyId) => compactDocument(store, storyId),
    close: () => appender.close(),
  };
}
