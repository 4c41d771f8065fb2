import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { nowIso } from "./transaction";
import { normaliseEmail } from "./users";

/**
 * Stores a newsletter subscription under the normalised address; subscribing twice is harmless.
 * Returns whether it is new.
 */
export async function insertSubscription(
  db: Kysely<Database>,
  email: string,
  source?: string,
): Promise<{ created: boolean }> {
  const result = await db
    .insertInto("subscriptions")
    .values({
      email: normaliseEmail(email),
      created_at: nowIso(),
      source: source ?? null,
    })
    .onConflict((oc) => oc.column("email").doNothing())
    .executeTakeFirst();
  return { created: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
}
