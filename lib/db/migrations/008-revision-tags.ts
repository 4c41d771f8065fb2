import type { Kysely, Migration } from "kysely";
import { revisionTagRows } from "../revisions";

/**
 * `revision_tags`: a published revision's tags by slug, so a tag page finds the live stories
 * carrying a tag with an index instead of reading every revision's JSON. Revisions never change,
 * so neither do their rows. Filled from the revisions already published.
 */
export const revisionTagsSchema: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("revision_tags")
      .addColumn("revision_id", "text", (c) =>
        c.notNull().references("published_revisions.id").onDelete("cascade"),
      )
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("revision_tags_pk", ["revision_id", "slug"])
      .execute();
    await db.schema
      .createIndex("revision_tags_slug")
      .on("revision_tags")
      .columns(["slug", "revision_id"])
      .execute();

    const typed = db as Kysely<{
      published_revisions: { id: string; tags: string };
      revision_tags: { revision_id: string; slug: string; name: string };
    }>;
    const revisions = await typed
      .selectFrom("published_revisions")
      .select(["id", "tags"])
      .execute();
    for (const revision of revisions) {
      const rows = revisionTagRows(revision.id, revision.tags);
      if (rows.length)
        await typed.insertInto("revision_tags").values(rows).execute();
    }
  },
};
