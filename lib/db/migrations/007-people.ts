import type { Kysely, Migration } from "kysely";

/**
 * Accounts an admin manages: `users.deactivated_at` (a deactivated account cannot sign in; its
 * stories and bylines stay), and `account_links`, the one-time links that set a password (an
 * invitation's sign-up, a password reset). Only a link's SHA-256 is stored. An invited account
 * that has not signed up yet has an empty `password_hash`.
 */
export const peopleSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("users")
      .addColumn("deactivated_at", "text")
      .execute();
    await db.schema
      .createTable("account_links")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.references("users.id"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text")
      .execute();
    await db.schema
      .createIndex("account_links_user")
      .on("account_links")
      .column("user_id")
      .execute();
  },
};
