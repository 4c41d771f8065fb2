import { sql, type Kysely, type Migration } from "kysely";
import type { StoreKind } from "../client";

/**
 * The editorial workflow: scheduled publication, an access version the collaboration server
 * watches (bumped when a story's status or authors change), the body's word count, named
 * versions of the document, and who is in which story now.
 */
export function workflowSchema(kind: StoreKind): Migration {
  const binary = kind === "postgres" ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("stories")
        .addColumn("scheduled_at", "text")
        .execute();
      await db.schema
        .alterTable("stories")
        .addColumn("access_version", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable("stories")
        .addColumn("word_count", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("stories_scheduled")
        .on("stories")
        .column("scheduled_at")
        .execute();

      await db.schema
        .createTable("story_versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("data", sql.raw(binary), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("story_versions_story")
        .on("story_versions")
        .columns(["story_id", "created_at"])
        .execute();

      await db.schema
        .createTable("story_presence")
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) =>
          c.notNull().references("users.id").onDelete("cascade"),
        )
        .addColumn("server_id", "text", (c) => c.notNull())
        .addColumn("seen_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("story_presence_pk", [
          "story_id",
          "user_id",
          "server_id",
        ])
        .execute();
    },
  };
}
