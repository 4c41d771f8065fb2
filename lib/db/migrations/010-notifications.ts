import type { Kysely, Migration } from "kysely";

/**
 * `notifications`: each person's inbox (a story submitted to the desk, returned, approved,
 * published, a co-author added). Numbered 010 so that work landing beside it as 009 runs too.
 */
export const notificationsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("notifications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("story_id", "text", (c) =>
        c.references("stories.id").onDelete("cascade"),
      )
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("read_at", "text")
      .execute();
    await db.schema
      .createIndex("notifications_user_created")
      .on("notifications")
      .columns(["user_id", "created_at"])
      .execute();
  },
};
