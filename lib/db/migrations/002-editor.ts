import type { Kysely, Migration } from "kysely";

/** `slug_custom`: an editor chose the slug, so it no longer follows the headline. */
export const editorSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("stories")
      .addColumn("slug_custom", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
