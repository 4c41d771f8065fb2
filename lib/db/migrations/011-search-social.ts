import type { Kysely, Migration } from "kysely";

/**
 * Search and social overrides: an SEO title, a social headline and a social description per
 * story, chosen by the desk (null: the headline or deck stands in). The story holds what the
 * desk set; each published revision keeps the values it went live with, as it keeps its text.
 */
export const searchSocialSchema: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ["stories", "published_revisions"])
      for (const column of [
        "seo_title",
        "social_headline",
        "social_description",
      ])
        await db.schema.alterTable(table).addColumn(column, "text").execute();
  },
};
