import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { nowIso } from "./transaction";

/** An account writing in a story under a Yjs client id. */
export interface WriterClaim {
  storyId: string;
  clientId: number;
  userId: string;
}

/**
 * Records the claims; a client id already claimed in its story keeps its first claimant (the
 * insert does nothing), so a forged id never moves text to another account.
 */
export async function recordWriterClaims(
  db: Kysely<Database>,
  claims: readonly WriterClaim[],
): Promise<void> {
  if (claims.length === 0) return;
  const claimedAt = nowIso();
  await db
    .insertInto("story_writers")
    .values(
      claims.map((c) => ({
        story_id: c.storyId,
        client_id: c.clientId,
        user_id: c.userId,
        claimed_at: claimedAt,
      })),
    )
    .onConflict((oc) => oc.columns(["story_id", "client_id"]).doNothing())
    .execute();
}

/** The story's client ids and the account that first wrote under each. */
export async function storyWriters(
  db: Kysely<Database>,
  storyId: string,
): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom("story_writers")
    .select(["client_id", "user_id"])
    .where("story_id", "=", storyId)
    .execute();
  return new Map(rows.map((r) => [Number(r.client_id), r.user_id]));
}
