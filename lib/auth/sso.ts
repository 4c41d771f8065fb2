import type { Kysely } from "kysely";
import type { Store } from "../db/client";
import type { Database } from "../db/schema";
import {
  findSsoIdentity,
  findSsoIdentityOfUser,
  insertSsoIdentity,
} from "../db/sso-identities";
import { inTransaction, isUniqueViolation } from "../db/transaction";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  isActive,
  normaliseEmail,
  type UserRow,
} from "../db/users";

/** What the provider vouches for about the person signing in (its ID token and userinfo). */
export interface SsoIdentity {
  issuer: string;
  /** The provider's stable id of the person (`sub`). */
  subject: string;
  email?: string;
  /** The provider's `email_verified`: only `true` counts. */
  emailVerified: boolean;
  name?: string;
}

/** Who may sign in by single sign-on the first time (OIDC_SIGNUP). */
export type SsoSignup = "invited" | "open";

/**
 * Why a sign-in was refused: `unverified` (no verified e-mail to find an account by),
 * `not-invited` (no account has that e-mail and sign-up is by invitation), `deactivated`, and
 * `linked-elsewhere` (the account is linked to another identity at this provider).
 */
export type SsoRefusal =
  "unverified" | "not-invited" | "deactivated" | "linked-elsewhere";

export type SsoOutcome =
  | { kind: "signed-in"; user: UserRow; created: boolean }
  | { kind: "refused"; reason: SsoRefusal };

/**
 * The newsroom account a single sign-on identity signs in to. An identity linked before decides
 * the account by its subject, whatever e-mail it now has. A new one is linked to the account with
 * its verified e-mail (an invited account that never chose a password signs up this way, and
 * stays without one); with `open` sign-up, a new reporter is made when no account has it.
 * A deactivated account is refused either way.
 */
export async function signInWithSso(
  store: Store,
  identity: SsoIdentity,
  signup: SsoSignup,
): Promise<SsoOutcome> {
  try {
    return await inTransaction(store, (db) => resolve(db, identity, signup));
  } catch (error) {
    // Two first sign-ins of one person at once: the other linked it; this one now finds the link.
    if (!isUniqueViolation(error)) throw error;
    return inTransaction(store, (db) => resolve(db, identity, signup));
  }
}

async function resolve(
  db: Kysely<Database>,
  identity: SsoIdentity,
  signup: SsoSignup,
): Promise<SsoOutcome> {
  const { issuer, subject } = identity;
  const linked = await findSsoIdentity(db, issuer, subject);
  if (linked) {
    const user = await findUserById(db, linked.user_id);
    if (!user || !isActive(user))
      return { kind: "refused", reason: "deactivated" };
    return { kind: "signed-in", user, created: false };
  }

  if (!identity.email || !identity.emailVerified)
    return { kind: "refused", reason: "unverified" };
  const email = normaliseEmail(identity.email);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (!isActive(existing)) return { kind: "refused", reason: "deactivated" };
    const link = await findSsoIdentityOfUser(db, issuer, existing.id);
    // This identity, linked meanwhile by a sign-in racing this one (committed after our first
    // read; PostgreSQL reads committed rows per statement).
    if (link?.subject === subject)
      return { kind: "signed-in", user: existing, created: false };
    // The e-mail moved at the provider to someone else: it does not take the account over.
    if (link) return { kind: "refused", reason: "linked-elsewhere" };
    await insertSsoIdentity(db, { issuer, subject, userId: existing.id });
    return { kind: "signed-in", user: existing, created: false };
  }

  if (signup !== "open") return { kind: "refused", reason: "not-invited" };
  const user = await insertUser(db, {
    email,
    name: (identity.name?.trim() || email.split("@")[0] || email).slice(0, 200),
    role: "reporter",
    passwordHash: "",
  });
  await insertSsoIdentity(db, { issuer, subject, userId: user.id });
  return { kind: "signed-in", user, created: true };
}

/** The account linked to `subject` at `issuer`, for the session once sign-in allowed it. */
export async function ssoAccountId(
  store: Store,
  issuer: string,
  subject: string,
): Promise<string | undefined> {
  return (await findSsoIdentity(store.db, issuer, subject))?.user_id;
}
