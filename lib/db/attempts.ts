import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** The state of one counter after an attempt was counted. */
export interface AttemptWindow {
  /** Attempts counted in the current window, this one included. */
  hits: number;
  /** When the window ends (ms since the epoch). */
  endsAt: number;
}

/**
 * Counts one attempt under `key` in one statement (so concurrent attempts, from any process,
 * are each counted): adds to the running window, or starts a window of `windowMs` when none
 * runs.
 */
export async function countAttempt(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<AttemptWindow> {
  const start = new Date(now).toISOString();
  const end = new Date(now + windowMs).toISOString();
  const row = await db
    .insertInto("attempt_counters")
    .values({ key, window_start: start, expires_at: end, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        const ended = eb("attempt_counters.expires_at", "<=", start);
        return {
          hits: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb("attempt_counters.hits", "+", 1))
            .end(),
          window_start: eb
            .case()
            .when(ended)
            .then(start)
            .else(eb.ref("attempt_counters.window_start"))
            .end(),
          expires_at: eb
            .case()
            .when(ended)
            .then(end)
            .else(eb.ref("attempt_counters.expires_at"))
            .end(),
        };
      }),
    )
    .returning(["hits", "expires_at"])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), endsAt: Date.parse(row.expires_at) };
}

/** Takes back one attempt counted under `key`, if its window still runs. */
export async function uncountAttempt(
  db: Kysely<Database>,
  key: string,
  now = Date.now(),
): Promise<void> {
  await db
    .updateTable("attempt_counters")
    .set((eb) => ({ hits: eb("hits", "-", 1) }))
    .where("key", "=", key)
    .where("hits", ">", 0)
    .where("expires_at", ">", new Date(now).toISOString())
    .execute();
}

/** Forgets every attempt counted under `key`. */
export async function clearAttempts(
  db: Kysely<Database>,
  key: string,
): Promise<void> {
  await db.deleteFrom("attempt_counters").where("key", "=", key).execute();
}

/** Deletes the counters whose window ended; returns how many. */
export async function deleteEndedAttempts(
  db: Kysely<Database>,
  now = Date.now(),
): Promise<number> {
  const result = await db
    .deleteFrom("attempt_counters")
    .where("expires_at", "<=", new Date(now).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
