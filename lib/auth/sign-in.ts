import type { Store } from "../db/client";
import {
  findUserByEmail,
  isActive,
  normaliseEmail,
  replacePasswordHash,
  type UserRow,
} from "../db/users";
import { createLogger, describeError } from "../log";
import {
  countAttemptAgainst,
  forgetAttempts,
  takeBackAttempt,
} from "../rate-limit";
import { SIGN_IN_LIMITS } from "./limits";
import {
  hashPassword,
  needsRehash,
  UNMATCHABLE_HASH,
  verifyPassword,
} from "./password";

const log = createLogger("auth");

export type SignInOutcome =
  | { kind: "signed-in"; user: UserRow }
  | { kind: "refused" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

/**
 * Checks an e-mail and password, counting the attempt against the account and the client
 * `address` first (so attempts made at once are all counted). Over either limit nothing is
 * checked; an unknown e-mail costs the same password check as a known one. A deactivated
 * account, or an invited one that has not chosen a password, is refused like a wrong password.
 * A success forgets the account's failures and takes back its own count from the address (never
 * anyone else's count), and a hash of an older cost is replaced by one of the current cost.
 */
export async function signInWithPassword(
  store: Store,
  email: string,
  password: string,
  address: string,
): Promise<SignInOutcome> {
  const account = normaliseEmail(email);
  const verdicts = [
    await countAttemptAgainst(store, SIGN_IN_LIMITS.account, account),
    await countAttemptAgainst(store, SIGN_IN_LIMITS.address, address),
  ];
  const over = verdicts.filter((v) => !v.allowed);
  if (over.length > 0)
    return {
      kind: "rate-limited",
      retryAfterSeconds: Math.max(...over.map((v) => v.retryAfterSeconds)),
    };

  const user = await findUserByEmail(store.db, account);
  // An invited account without a password yet costs the same check as an unknown one.
  const matches = await verifyPassword(
    password,
    user?.password_hash || UNMATCHABLE_HASH,
  );
  if (!user || !matches || !isActive(user)) return { kind: "refused" };

  await forgetAttempts(store, SIGN_IN_LIMITS.account, account);
  await takeBackAttempt(store, SIGN_IN_LIMITS.address, address);
  if (needsRehash(user.password_hash)) await rehash(store, user, password);
  return { kind: "signed-in", user };
}

async function rehash(
  store: Store,
  user: UserRow,
  password: string,
): Promise<void> {
  try {
    const next = await hashPassword(password);
    await replacePasswordHash(store.db, user.id, user.password_hash, next);
  } catch (error) {
    // The old hash still works: signing in must not fail over an upgrade.
    log.warn("password rehash failed", {
      userId: user.id,
      error: describeError(error),
    });
  }
}
