import type { Kysely, Migration } from "kysely";
import type { StoreKind } from "../client";

/**
 * `story_corrections`: every correction and clarification of a story, one row each, kept
 * across republications (a revision's own `correction_note` showed only the last one). Filled
 * from the notes already published, each dated as its revision.
 */
export function correctionsSchema(kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("story_corrections")
        .addColumn("id", kind === "postgres" ? "serial" : "integer", (c) =>
          kind === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("story_id", "text", (c) =>
          c.notNull().references("stories.id").onDelete("cascade"),
        )
        .addColumn("revision_id", "text", (c) =>
          c.references("published_revisions.id").onDelete("set null"),
        )
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.references("users.id"))
        .execute();
      await db.schema
        .createIndex("story_corrections_story")
        .on("story_corrections")
        .columns(["story_id", "created_at"])
        .execute();
      await db.schema
        .createIndex("story_corrections_created")
        .on("story_corrections")
        .column("created_at")
        .execute();

      const typed = db as Kysely<{
        published_revisions: {
          id: string;
          story_id: string;
          correction_note: string | null;
          published_at: string;
          published_by: string;
        };
        story_corrections: {
          story_id: string;
          revision_id: string;
          kind: string;
          text: string;
          created_at: string;
          created_by: string;
        };
      }>;
      const notes = await typed
        .selectFrom("published_revisions")
        .select([
          "id",
          "story_id",
          "correction_note",
          "published_at",
          "published_by",
        ])
        .where("correction_note", "is not", null)
        .orderBy("published_at")
        .execute();
      for (const note of notes) {
        const text = note.correction_note?.trim();
        if (!text) continue;
        await typed
          .insertInto("story_corrections")
          .values({
            story_id: note.story_id,
            revision_id: note.id,
            kind: "correction",
            text,
            created_at: note.published_at,
            created_by: note.published_by,
          })
          .execute();
      }
    },
  };
}
