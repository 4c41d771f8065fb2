import { sql, type Kysely } from "kysely";
import type { Store } from "./client";
import type { Database } from "./schema";

/**
 * Runs `work` in one transaction and returns its result. On SQLite the transaction takes the
 * write lock up front (BEGIN IMMEDIATE): the web app and the collaboration server share the
 * file, and a deferred transaction that reads before writing fails instead of waiting.
 */
export async function inTransaction<T>(
  store: Store,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (store.kind === "postgres") return store.db.transaction().execute(work);
  return store.db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

/** Whether `error` is a unique-constraint violation in either store. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: string; message?: string };
  return (
    e.code === "23505" ||
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** The current time as stored: ISO-8601 UTC with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}

let lastOrderedMs = 0;

/**
 * nowIso, but never at or before the last time this process gave out: for rows listed in the
 * order they were made (notifications, versions, authors), two made in one millisecond would
 * otherwise tie and come out in any order.
 */
export function orderedNowIso(): string {
  lastOrderedMs = Math.max(Date.now(), lastOrderedMs + 1);
  return new Date(lastOrderedMs).toISOString();
}
