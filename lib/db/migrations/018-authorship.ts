import type { Kysely, Migration } from "kysely";

/**
 * `story_writers`: which account wrote a story's text under which Yjs client id, as the
 * collaboration server saw it. The first account to write under an id keeps it (the primary key),
 * so a later socket forging that id cannot take its text over.
 */
export const authorshipSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("story_writers")
      .addColumn("story_id", "text", (c) =>
        c.notNull().references("stories.id").onDelete("cascade"),
      )
      // Yjs client ids are unsigned 32-bit: past PostgreSQL's `integer`.
      .addColumn("client_id", "bigint", (c) => c.notNull())
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("claimed_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("story_writers_pk", ["story_id", "client_id"])
      .execute();
  },
};
