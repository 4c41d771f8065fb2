import type { Kysely, Migration } from "kysely";

/**
 * `attempt_counters`: fixed-window counters of attempts (sign-ins per account and per address,
 * uploads per user), in the store so that every web process shares them and a restart forgets
 * nothing. Rows whose window ended are deleted now and then (`expires_at`).
 */
export const attemptCountersSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("attempt_counters")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("window_start", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("hits", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("attempt_counters_expires_at")
      .on("attempt_counters")
      .column("expires_at")
      .execute();
  },
};
