import type { Kysely, Migration } from "kysely";

/**
 * `stories.embargo_until`: until this time (ISO) nothing of the story may be public; null when
 * the story carries no embargo. Separate from `scheduled_at`, which says when it goes live.
 */
export const embargoSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("stories")
      .addColumn("embargo_until", "text")
      .execute();
  },
};
