import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Store } from "./client";
import { appendDocumentUpdatesBatch, type DocumentAppend } from "./documents";

/** Appends document updates of several stories in one durable commit. */
export interface DocumentAppender {
  /** Resolves once the commit holding every update of `appends` is durable; all or nothing. */
  append(appends: readonly DocumentAppend[]): Promise<void>;
  /** Releases what the appender holds (the SQLite writer thread). */
  close(): Promise<void>;
}

/**
 * The appender for a store. PostgreSQL: a transaction over the pool (its I/O never blocks).
 * SQLite: a writer thread with a connection of its own, because better-sqlite3 is synchronous:
 * in the main thread every commit (and with synchronous=FULL, its fsync) would stop all sockets.
 */
export function documentAppender(store: Store): DocumentAppender {
  if (store.kind === "postgres" || !store.sqlite)
    return {
      append: (appends) => appendDocumentUpdatesBatch(store, appends),
      close: async () => undefined,
    };
  return new SqliteWriterThread(store.sqlite.file, store.sqlite.synchronous);
}

/*
 * The writer thread's code: plain JavaScript (a worker is not compiled with the app), the same
 * rows as appendDocumentUpdatesBatch writes (see schema.ts), one IMMEDIATE transaction a batch.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = " + workerData.synchronous);
db.pragma("busy_timeout = 5000");
db.pragma("foreign_keys = ON");
const insert = db.prepare(
  "INSERT INTO document_updates (story_id, data, merged, created_at) VALUES (?, ?, 0, ?)");
// NULL keeps a column as it is: a touch carries only what changed.
const touch = db.prepare(
  "UPDATE stories SET updated_at = ?, headline = COALESCE(?, headline), word_count = COALESCE(?, word_count) WHERE id = ?");
const commit = db.transaction((appends, now) => {
  for (const a of appends) {
    for (const update of a.updates) insert.run(a.storyId, update, now);
    touch.run(now, a.touch.headline ?? null, a.touch.wordCount ?? null, a.storyId);
  }
});
parentPort.on("message", ({ id, appends }) => {
  try {
    commit.immediate(appends, new Date().toISOString());
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({
      id,
      error: { message: String(error && error.message), code: error && error.code },
    });
  }
});
`;

/**
 * The update in a buffer of its own. A socket's update is a view into the buffer its frame was
 * read into, and posting a view copies the whole buffer it views (13 times the cost of posting
 * a keystroke's bytes alone).
 */
function ownBuffer(update: Uint8Array): Uint8Array {
  return update.byteOffset === 0 &&
    update.byteLength === update.buffer.byteLength
    ? update
    : update.slice();
}

interface Reply {
  id: number;
  error?: { message: string; code?: string };
}

class SqliteWriterThread implements DocumentAppender {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    {
      worker: Worker;
      resolve: () => void;
      reject: (error: Error) => void;
    }
  >();

  constructor(
    private readonly file: string,
    private readonly synchronous: "FULL" | "NORMAL",
  ) {}

  append(appends: readonly DocumentAppend[]): Promise<void> {
    if (appends.length === 0) return Promise.resolve();
    const worker = this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      // A commit in flight keeps the process alive; an idle writer must not.
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { worker, resolve, reject });
      worker.postMessage({
        id,
        // Only the data crosses to the thread (callers' objects may carry functions).
        appends: appends.map(({ storyId, updates, touch }) => ({
          storyId,
          updates: updates.map(ownBuffer),
          touch: { headline: touch.headline, wordCount: touch.wordCount },
        })),
      });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      await worker.terminate();
      this.failAll(worker, new Error("the SQLite writer was closed"));
    }
  }

  /** Started on first use: a server that only reads never holds a thread. */
  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        synchronous: this.synchronous,
        driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      },
    });
    worker.on("message", (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!reply.error) waiter.resolve();
      else
        waiter.reject(
          Object.assign(new Error(reply.error.message), {
            code: reply.error.code,
          }),
        );
    });
    worker.on("error", (error) => {
      // A dead thread fails what it held (the writers retry) and is replaced on next use.
      if (this.worker === worker) this.worker = null;
      this.failAll(worker, error);
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(worker, new Error("the SQLite writer thread exited"));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(worker: Worker, error: Error): void {
    for (const [id, waiter] of this.waiting) {
      if (waiter.worker !== worker) continue;
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }
}
