import type { Kysely, Selectable } from "kysely";
import type { Database, SsoIdentitiesTable } from "./schema";
import { nowIso } from "./transaction";

export type SsoIdentityRow = Selectable<SsoIdentitiesTable>;

/** The identity `subject` at `issuer`, if an account is linked to it. */
export async function findSsoIdentity(
  db: Kysely<Database>,
  issuer: string,
  subject: string,
): Promise<SsoIdentityRow | undefined> {
  return db
    .selectFrom("sso_identities")
    .selectAll()
    .where("issuer", "=", issuer)
    .where("subject", "=", subject)
    .executeTakeFirst();
}

/** The identity the user is linked to at `issuer`, if any. */
export async function findSsoIdentityOfUser(
  db: Kysely<Database>,
  issuer: string,
  userId: string,
): Promise<SsoIdentityRow | undefined> {
  return db
    .selectFrom("sso_identities")
    .selectAll()
    .where("issuer", "=", issuer)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Links the user to `subject` at `issuer`; throws on a unique violation (either side linked). */
export async function insertSsoIdentity(
  db: Kysely<Database>,
  identity: { issuer: string; subject: string; userId: string },
): Promise<void> {
  await db
    .insertInto("sso_identities")
    .values({
      issuer: identity.issuer,
      subject: identity.subject,
      user_id: identity.userId,
      created_at: nowIso(),
    })
    .execute();
}

/** Of `userIds`, those linked to any single sign-on identity. */
export async function usersWithSsoIdentity(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("sso_identities")
    .select("user_id")
    .distinct()
    .where("user_id", "in", [...userIds])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
