import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../auth/password";
import {
  findAccountLink,
  replaceAccountLink,
  useAccountLink,
  type AccountLinkRow,
} from "../db/account-links";
import type { Store } from "../db/client";
import type { Database } from "../db/schema";
import { endSessions } from "../db/session-generations";
import { inTransaction } from "../db/transaction";
import { findUserById, isActive, setPasswordHash } from "../db/users";
import { AppError } from "../errors";

export type LinkPurpose = AccountLinkRow["purpose"];

/** How long a link works: a week to accept an invitation, a day to reset a password. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 24 * 60 * 60 * 1000,
};

/** The path of the page a link opens (the origin is the app's). */
export function linkPath(purpose: LinkPurpose, token: string): string {
  return `${purpose === "invite" ? "/signup" : "/reset-password"}/${token}`;
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Makes a one-time link for the user (inside the caller's transaction); the user's earlier
 * unused links stop working. Returns the secret, which only the admin sees.
 */
export async function createAccountLink(
  db: Kysely<Database>,
  link: { userId: string; purpose: LinkPurpose; createdBy: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(
    now.getTime() + LINK_LIFETIME_MS[link.purpose],
  ).toISOString();
  await replaceAccountLink(db, {
    token_hash: tokenHash(token),
    user_id: link.userId,
    purpose: link.purpose,
    created_by: link.createdBy,
    created_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}

export type LinkState =
  | { state: "valid"; name: string; email: string; expiresAt: string }
  | { state: "used" | "expired" | "unknown" };

/** What the link `token` of `purpose` can do now, for its page. */
export async function describeAccountLink(
  store: Store,
  token: string,
  purpose: LinkPurpose,
  now = new Date(),
): Promise<LinkState> {
  const link = await findAccountLink(store.db, tokenHash(token));
  if (!link || link.purpose !== purpose) return { state: "unknown" };
  const user = await findUserById(store.db, link.user_id);
  if (!user || !isActive(user)) return { state: "unknown" };
  if (link.used_at !== null) return { state: "used" };
  if (link.expires_at <= now.toISOString()) return { state: "expired" };
  return {
    state: "valid",
    name: user.name,
    email: user.email,
    expiresAt: link.expires_at,
  };
}

const refusals = {
  unknown: () => new AppError("not_found", "This link is not valid."),
  used: () =>
    new AppError(
      "gone",
      "This link has been used already. Sign in, or ask an admin for a new link.",
    ),
  expired: () =>
    new AppError("gone", "This link has expired. Ask an admin for a new one."),
};

/**
 * Sets the password of the link's account and uses the link up. A reset also ends the user's
 * collaboration sessions. Throws not_found (unknown link, deactivated account) or gone (used,
 * expired); the password is hashed only for a link that works.
 */
export async function setPasswordWithLink(
  store: Store,
  token: string,
  password: string,
  now = new Date(),
): Promise<{ id: string; email: string; name: string }> {
  const hash = tokenHash(token);
  const link = await findAccountLink(store.db, hash);
  if (!link) throw refusals.unknown();
  if (link.used_at !== null) throw refusals.used();
  if (link.expires_at <= now.toISOString()) throw refusals.expired();
  const passwordHash = await hashPassword(password);
  return inTransaction(store, async (db) => {
    // Checked again in the commit: of two uses at once, one wins.
    if (!(await useAccountLink(db, hash, now.toISOString())))
      throw refusals.used();
    const user = await findUserById(db, link.user_id);
    if (!user || !isActive(user)) throw refusals.unknown();
    await setPasswordHash(db, user.id, passwordHash);
    if (link.purpose === "reset") await endSessions(db, user.id);
    return { id: user.id, email: user.email, name: user.name };
  });
}
