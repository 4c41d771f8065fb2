import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely";
import type { StoreKind } from "../client";

/** Users, stories, authors, the Yjs update log, published revisions, the audit record. */
export function initialSchema(kind: StoreKind): Migration {
  const binary = kind === "postgres" ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("stories")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("slug", "text", (c) => c.notNull().unique())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("headline", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("section", "text")
        .addColumn("created_by", "text", (c) =>
          c.notNull().references("users.id"),
        )
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("first_published_at", "text")
        .addColumn("live_revision_id", "text")
        .execute();
      await db.schema
        .createIndex("stories_updated_at")
        .on("stories")
        .column("updated_at")
        .execute();

      await db.schema
        .createTable("story_authors")
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) =>
          c.notNull().references("users.id").onDelete("cascade"),
        )
        .addColumn("added_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("story_authors_pk", ["story_id", "user_id"])
        .execute();
      await db.schema
        .createIndex("story_authors_user")
        .on("story_authors")
        .column("user_id")
        .execute();

      await db.schema
        .createTable("document_updates")
        .addColumn("id", kind === "postgres" ? "serial" : "integer", (c) =>
          kind === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("data", sql.raw(binary), (c) => c.notNull())
        .addColumn("merged", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("document_updates_story")
        .on("document_updates")
        .columns(["story_id", "id"])
        .execute();

      await db.schema
        .createTable("published_revisions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("slug", "text", (c) => c.notNull())
        .addColumn("headline", "text", (c) => c.notNull())
        .addColumn("deck", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("body_html", "text", (c) => c.notNull())
        .addColumn("bylines", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("section", "text")
        .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("dateline", "text")
        .addColumn("lead_image", "text")
        .addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("published_at", "text", (c) => c.notNull())
        .addColumn("published_by", "text", (c) =>
          c.notNull().references("users.id"),
        )
        .execute();
      await db.schema
        .createIndex("published_revisions_story")
        .on("published_revisions")
        .columns(["story_id", "published_at"])
        .execute();

      await db.schema
        .createTable("story_events")
        .addColumn("id", kind === "postgres" ? "serial" : "integer", (c) =>
          kind === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("actor_id", "text", (c) => c.references("users.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("from_status", "text")
        .addColumn("to_status", "text")
        .addColumn("note", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("story_events_story")
        .on("story_events")
        .columns(["story_id", "id"])
        .execute();
    },
  };
}
