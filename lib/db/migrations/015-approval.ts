import type { Kysely, Migration } from "kysely";

/**
 * Approval means this text: what an approval approved (a digest of headline, deck and body as
 * published, and the version saved at that moment), and the version an event refers to (the
 * record links "approval lapsed" to what changed since).
 */
export const approvalSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("stories")
      .addColumn("approved_digest", "text")
      .execute();
    await db.schema
      .alterTable("stories")
      .addColumn("approved_version_id", "text")
      .execute();
    await db.schema
      .alterTable("story_events")
      .addColumn("version_id", "text")
      .execute();
  },
};
