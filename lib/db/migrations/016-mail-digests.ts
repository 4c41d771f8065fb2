import { sql, type Kysely, type Migration } from "kysely";

/**
 * E-mail digests of the inbox: when each notification went out by e-mail, and per person when
 * their last digest went out and until when one is being sent (or, after a failure, retried).
 */
export const mailDigestsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("notifications")
      .addColumn("mailed_at", "text")
      .execute();
    // The sweep looks for these only: unread and not yet mailed, a small part of the table.
    await db.schema
      .createIndex("notifications_to_mail")
      .on("notifications")
      .columns(["user_id", "created_at"])
      .where(sql.ref("mailed_at"), "is", null)
      .where(sql.ref("read_at"), "is", null)
      .execute();
    await db.schema
      .createTable("mail_digests")
      .addColumn("user_id", "text", (c) =>
        c.primaryKey().references("users.id").onDelete("cascade"),
      )
      .addColumn("sent_at", "text")
      .addColumn("busy_until", "text")
      .execute();
  },
};
