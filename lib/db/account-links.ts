import type { Kysely, Selectable } from "kysely";
import type { AccountLinksTable, Database } from "./schema";

export type AccountLinkRow = Selectable<AccountLinksTable>;

/**
 * Stores a new link for the user and deletes the user's unused ones: only the latest link an
 * admin handed out works.
 */
export async function replaceAccountLink(
  db: Kysely<Database>,
  link: Omit<AccountLinkRow, "used_at">,
): Promise<void> {
  await deleteUnusedAccountLinks(db, link.user_id);
  await db
    .insertInto("account_links")
    .values({ ...link, used_at: null })
    .execute();
}

/** Deletes the user's links that were not used (the account was deactivated, or a new link made). */
export async function deleteUnusedAccountLinks(
  db: Kysely<Database>,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom("account_links")
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

export async function findAccountLink(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<AccountLinkRow | undefined> {
  return db
    .selectFrom("account_links")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/**
 * Marks the link used, only if it is unused and unexpired at `now` (ISO): of two uses at once,
 * one wins. Returns whether this call used it.
 */
export async function useAccountLink(
  db: Kysely<Database>,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable("account_links")
    .set({ used_at: now })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
