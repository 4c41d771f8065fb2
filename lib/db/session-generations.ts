import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";
import { nowIso } from "./transaction";

/**
 * The user's session generation: how many times they signed out (0 if never). Collaboration
 * tokens carry it; a token of an earlier generation is refused.
 */
export async function readSessionGeneration(
  db: Kysely<Database>,
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom("session_generations")
    .select("generation")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(row?.generation ?? 0);
}

/** The session generations of these users (those missing from the result: 0). */
export async function readSessionGenerations(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("session_generations")
    .select(["user_id", "generation"])
    .where("user_id", "in", [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.generation)]));
}

/**
 * Starts a new session generation for the user (they signed out): every collaboration token
 * issued before is refused from now on. Returns the new generation.
 */
export async function endSessions(
  db: Kysely<Database>,
  userId: string,
): Promise<number> {
  const changedAt = nowIso();
  const row = await db
    .insertInto("session_generations")
    .values({ user_id: userId, generation: 1, changed_at: changedAt })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({
        generation: sql<number>`session_generations.generation + 1`,
        changed_at: changedAt,
      }),
    )
    .returning("generation")
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}
