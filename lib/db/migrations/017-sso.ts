import type { Kysely, Migration } from "kysely";

/**
 * Single sign-on: the provider identity (issuer + subject) each account signed in with. Once
 * linked, the subject decides the account, not the e-mail the provider reports.
 */
export const ssoSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("sso_identities")
      .addColumn("issuer", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) =>
        c.notNull().references("users.id").onDelete("cascade"),
      )
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("sso_identities_pk", ["issuer", "subject"])
      // One identity per account and provider: another subject cannot take the account over.
      .addUniqueConstraint("sso_identities_user_issuer", ["user_id", "issuer"])
      .execute();
  },
};
