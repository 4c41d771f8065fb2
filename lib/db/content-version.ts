import type { Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * The version of everything the public site shows. `moveStory` bumps it in the transaction
 * that changes what is live: on PostgreSQL the row lock orders concurrent bumps by commit, so
 * a reader never sees a change without its bump.
 */
export async function publishedContentVersion(
  db: Kysely<Database>,
): Promise<string> {
  const row = await db
    .selectFrom("site_content_version")
    .select("version")
    .where("id", "=", 1)
    .executeTakeFirst();
  return String(row?.version ?? 0);
}

/** Marks the published content as changed; only `moveStory` calls it, inside its transaction. */
export async function bumpContentVersion(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable("site_content_version")
    .set((eb) => ({ version: eb("version", "+", 1) }))
    .where("id", "=", 1)
    .execute();
}
