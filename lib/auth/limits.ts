import type { AttemptLimit } from "../rate-limit";

/**
 * Sign-in attempts allowed: 10 per account (e-mail address, whether or not an account has it)
 * and 50 per client address, each in 15 minutes. A newsroom's people mistype a password a few
 * times, and a desk signs in from one office address; a guesser gets 10 tries an account.
 * Browser-safe (the sign-in form names the wait).
 */
export const SIGN_IN_LIMITS = {
  account: { name: "sign-in-account", limit: 10, windowMs: 15 * 60_000 },
  address: { name: "sign-in-address", limit: 50, windowMs: 15 * 60_000 },
} as const satisfies Record<string, AttemptLimit>;

/** The error next-auth hands the sign-in form when attempts are limited (`?error=`). */
export const SIGN_IN_RATE_LIMITED = "RateLimited";
