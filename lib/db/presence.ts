import type { Kysely } from "kysely";
import type { Database } from "./schema";
import type { Store } from "./client";
import { inTransaction, nowIso } from "./transaction";

/** How long a presence row counts without being refreshed (servers refresh every 20 s). */
export const PRESENCE_TTL_MS = 60_000;

/** Who is in each of `storyIds` now: story id → user ids (rows older than the TTL ignored). */
export async function presentUsers(
  db: Kysely<Database>,
  storyIds: readonly string[],
  now = Date.now(),
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (storyIds.length === 0) return result;
  const rows = await db
    .selectFrom("story_presence")
    .select(["story_id", "user_id"])
    .distinct()
    .where("story_id", "in", [...storyIds])
    .where("seen_at", ">", new Date(now - PRESENCE_TTL_MS).toISOString())
    .execute();
  for (const row of rows)
    result.set(row.story_id, [
      ...(result.get(row.story_id) ?? []),
      row.user_id,
    ]);
  return result;
}

/** Replaces what one collaboration server reports: exactly these (story, user) pairs are present there. */
export async function reportPresence(
  store: Store,
  serverId: string,
  present: ReadonlyArray<{ storyId: string; userId: string }>,
): Promise<void> {
  const seenAt = nowIso();
  await inTransaction(store, async (trx) => {
    await trx
      .deleteFrom("story_presence")
      .where("server_id", "=", serverId)
      .execute();
    if (present.length > 0) {
      await trx
        .insertInto("story_presence")
        .values(
          present.map((p) => ({
            story_id: p.storyId,
            user_id: p.userId,
            server_id: serverId,
            seen_at: seenAt,
          })),
        )
        .execute();
    }
  });
}
