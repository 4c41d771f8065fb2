import type { Kysely, Migration } from "kysely";

/** Planning: who is assigned a story, when it is due, and how long it should be. */
export const planningSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("stories")
      .addColumn("assignee_id", "text", (c) =>
        c.references("users.id").onDelete("set null"),
      )
      .execute();
    await db.schema.alterTable("stories").addColumn("due_at", "text").execute();
    await db.schema
      .alterTable("stories")
      .addColumn("target_words", "integer")
      .execute();
  },
};
