import type { Kysely, Migration } from "kysely";

/** A spiked draft leaves the lists; the desk may restore it for 30 days, then it is deleted. */
export const spikeSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("stories")
      .addColumn("spiked_at", "text")
      .execute();
    await db.schema
      .alterTable("stories")
      .addColumn("spiked_by", "text")
      .execute();
  },
};
