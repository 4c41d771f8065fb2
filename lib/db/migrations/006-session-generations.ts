import type { Kysely, Migration } from "kysely";

/**
 * `session_generations`: how many times each user signed out. Collaboration tokens carry the
 * generation they were issued in; one from an earlier generation is refused, and open sockets
 * holding one are closed (server/access.ts). No row: generation 0.
 */
export const sessionGenerationsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("session_generations")
      .addColumn("user_id", "text", (c) =>
        c.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("generation", "integer", (c) => c.notNull())
      .addColumn("changed_at", "text", (c) => c.notNull())
      .execute();
  },
};
