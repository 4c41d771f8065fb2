import { sql, type Kysely, type Migration } from "kysely";
import type { StoreKind } from "../client";

/**
 * The public site's tables: old slugs that redirect (301) to a story's current address,
 * page views counted per story and hour (Most popular), newsletter subscriptions, the
 * version of the published content (the site's caches follow it), and a correction note on
 * published revisions. Plain text/integer columns only, so the same
 * statements run on SQLite and PostgreSQL.
 */
export function siteSchema(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("published_revisions")
        .addColumn("correction_note", "text")
        .execute();

      await db.schema
        .createTable("slug_redirects")
        .addColumn("slug", "text", (c) => c.primaryKey())
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("slug_redirects_story")
        .on("slug_redirects")
        .column("story_id")
        .execute();

      // One row per story and UTC hour ("2024-10-25T14"): the 48-hour window sums at most
      // 49 rows per story however busy the site is.
      await db.schema
        .createTable("page_views")
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("hour", "text", (c) => c.notNull())
        .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint("page_views_pk", ["story_id", "hour"])
        .execute();
      await db.schema
        .createIndex("page_views_hour")
        .on("page_views")
        .column("hour")
        .execute();

      await db.schema
        .createTable("subscriptions")
        .addColumn("email", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("source", "text")
        .execute();

      await db.schema
        .createTable("site_content_version")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("version", "integer", (c) => c.notNull())
        .execute();
      await sql`insert into site_content_version (id, version) values (1, 0)`.execute(
        db,
      );
    },
  };
}
