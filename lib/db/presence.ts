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

/**
 * Replaces what one collaboration server reports: exactly these (story, user) pairs are present
 * there, all seen now. Writes only what changed besides the one `seen_at` refresh: a server
 * reports every 20 s, and on the SQLite store this runs on its event loop, so rewriting every
 * row would stop its sockets for milliseconds each time.
 */
export async function reportPresence(
  store: Store,
  serverId: string,
  present: ReadonlyArray<{ storyId: string; userId: string }>,
): Promise<void> {
  const seenAt = nowIso();
  const key = (storyId: string, userId: string) => `${storyId} ${userId}`;
  const wanted = new Map(present.map((p) => [key(p.storyId, p.userId), p]));
  await inTransaction(store, async (trx) => {
    const stored = await trx
      .selectFrom("story_presence")
      .select(["story_id", "user_id"])
      .where("server_id", "=", serverId)
      .execute();
    const gone = stored.filter(
      (row) => !wanted.delete(key(row.story_id, row.user_id)),
    );
    if (gone.length > 0)
      await trx
        .deleteFrom("story_presence")
        .where("server_id", "=", serverId)
        .where((eb) =>
          eb(
            eb.refTuple("story_id", "user_id"),
            "in",
            gone.map((row) => eb.tuple(row.story_id, row.user_id)),
          ),
        )
        .execute();
    if (stored.length > 0)
      await trx
        .updateTable("story_presence")
        .set({ seen_at: seenAt })
        .where("server_id", "=", serverId)
        .execute();
    if (wanted.size > 0)
      await trx
        .insertInto("story_presence")
        .values(
          [...wanted.values()].map((p) => ({
            story_id: p.storyId,
            user_id: p.userId,
            server_id: serverId,
            seen_at: seenAt,
          })),
        )
        .execute();
  });
}
