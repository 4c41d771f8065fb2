import type { Kysely } from "kysely";
import * as Y from "yjs";
import type { Store } from "./client";
import type { Database } from "./schema";
import { inTransaction, nowIso } from "./transaction";

/** Denormalised story fields refreshed in the same commit as a document write. */
export interface StoryTouch {
  headline?: string;
  /** Words in the body now (kept for the story list). */
  wordCount?: number;
}

/** The story columns a touch sets besides `updated_at`. */
function touchedColumns(touch: StoryTouch): {
  headline?: string;
  word_count?: number;
} {
  return {
    ...(touch.headline === undefined ? {} : { headline: touch.headline }),
    ...(touch.wordCount === undefined ? {} : { word_count: touch.wordCount }),
  };
}

const touchesMore = (touch: StoryTouch) =>
  touch.headline !== undefined || touch.wordCount !== undefined;

/** Inserts update rows for a story (inside the caller's transaction). */
export async function insertDocumentUpdates(
  db: Kysely<Database>,
  storyId: string,
  updates: readonly Uint8Array[],
  merged = false,
): Promise<void> {
  if (updates.length === 0) return;
  const createdAt = nowIso();
  await db
    .insertInto("document_updates")
    .values(
      updates.map((data) => ({
        story_id: storyId,
        data,
        merged: merged ? 1 : 0,
        created_at: createdAt,
      })),
    )
    .execute();
}

/**
 * Appends updates to a story's log and refreshes its `updated_at` (and headline copy) in one
 * commit. Resolves only once the commit is durable.
 */
export async function appendDocumentUpdates(
  store: Store,
  storyId: string,
  updates: readonly Uint8Array[],
  touch: StoryTouch = {},
): Promise<void> {
  await inTransaction(store, async (db) => {
    await insertDocumentUpdates(db, storyId, updates);
    await db
      .updateTable("stories")
      .set({ updated_at: nowIso(), ...touchedColumns(touch) })
      .where("id", "=", storyId)
      .execute();
  });
}

/** One story's share of a grouped commit. */
export interface DocumentAppend {
  storyId: string;
  updates: readonly Uint8Array[];
  touch: StoryTouch;
}

/**
 * Appends the updates of several stories in ONE commit (a group commit: one fsync for many
 * documents). All or nothing; resolves only once the commit is durable.
 */
export async function appendDocumentUpdatesBatch(
  store: Store,
  appends: readonly DocumentAppend[],
): Promise<void> {
  if (appends.length === 0) return;
  await inTransaction(store, async (db) => {
    const createdAt = nowIso();
    const rows = appends.flatMap((a) =>
      a.updates.map((data) => ({
        story_id: a.storyId,
        data,
        merged: 0,
        created_at: createdAt,
      })),
    );
    // Keep statements well under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto("document_updates")
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const plain = [
      ...new Set(
        appends.filter((a) => !touchesMore(a.touch)).map((a) => a.storyId),
      ),
    ];
    for (let i = 0; i < plain.length; i += 500) {
      await db
        .updateTable("stories")
        .set({ updated_at: createdAt })
        .where("id", "in", plain.slice(i, i + 500))
        .execute();
    }
    for (const a of appends) {
      if (!touchesMore(a.touch)) continue;
      await db
        .updateTable("stories")
        .set({ updated_at: createdAt, ...touchedColumns(a.touch) })
        .where("id", "=", a.storyId)
        .execute();
    }
  });
}

export interface StoredDocument {
  /** Ids of the rows read, so that compaction deletes exactly what it merged. */
  ids: number[];
  updates: Uint8Array[];
}

/** Reads every stored update of a story, oldest first. */
export async function readDocumentUpdates(
  db: Kysely<Database>,
  storyId: string,
): Promise<StoredDocument> {
  const rows = await db
    .selectFrom("document_updates")
    .select(["id", "data"])
    .where("story_id", "=", storyId)
    .orderBy("id")
    .execute();
  return {
    ids: rows.map((r) => r.id),
    updates: rows.map((r) => toUint8(r.data)),
  };
}

/** Builds a Y.Doc from a story's stored updates. */
export async function loadStoryDoc(
  store: Store,
  storyId: string,
): Promise<Y.Doc> {
  const { updates } = await readDocumentUpdates(store.db, storyId);
  const doc = new Y.Doc();
  applyAll(doc, updates);
  return doc;
}

/**
 * Applies stored updates in one transaction (one observer pass and one update event instead of
 * one per row). Not via Y.mergeUpdates: its cost grows with the square of the number of rows
 * (20,000 rows: seconds), while applying them in one transaction stays linear.
 */
export function applyAll(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  origin?: unknown,
): void {
  if (updates.length === 0) return;
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

/**
 * Replaces a story's update rows by one merged, garbage-collected row. Deletes exactly the rows
 * it merged, so rows written concurrently (by another server) are never lost; Yjs updates
 * commute, so the merged row may sit anywhere in the log. Returns the number of rows merged.
 */
export async function compactDocument(
  store: Store,
  storyId: string,
): Promise<number> {
  // Read and merge outside the write transaction: merging a long log takes CPU time, and the
  // write lock would stall every other writer meanwhile.
  const { ids, updates } = await readDocumentUpdates(store.db, storyId);
  if (ids.length < 2) return 0;
  const doc = new Y.Doc();
  applyAll(doc, updates);
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  await inTransaction(store, async (db) => {
    await insertDocumentUpdates(db, storyId, [merged], true);
    for (let i = 0; i < ids.length; i += 500) {
      await db
        .deleteFrom("document_updates")
        .where("id", "in", ids.slice(i, i + 500))
        .execute();
    }
  });
  return ids.length;
}

/** Number of rows in a story's update log. */
export async function countDocumentUpdates(
  db: Kysely<Database>,
  storyId: string,
): Promise<number> {
  const { n } = await db
    .selectFrom("document_updates")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("story_id", "=", storyId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

function toUint8(data: Uint8Array): Uint8Array {
  // pg returns Buffer, better-sqlite3 returns Buffer: both are Uint8Array views.
  return data instanceof Uint8Array
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}
