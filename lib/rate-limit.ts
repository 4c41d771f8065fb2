import { createHash } from "node:crypto";
import type { Store } from "./db/client";
import {
  clearAttempts,
  countAttempt,
  deleteEndedAttempts,
  uncountAttempt,
} from "./db/attempts";
import { AppError } from "./errors";

/**
 * At most `limit` attempts by one subject (an account, an address, a user) in a fixed window of
 * `windowMs`, counted in the store under `name`: every web process shares the count, and a
 * restart forgets nothing.
 */
export interface AttemptLimit {
  name: string;
  limit: number;
  windowMs: number;
}

/** The verdict on one counted attempt. */
export interface AttemptVerdict {
  allowed: boolean;
  /** Seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/** A 429 that says when to try again; lib/http sends `retryAfterSeconds` as Retry-After. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("rate_limited", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// Subjects are hashed: counters keyed by what strangers type (e-mail addresses of accounts that
// may not exist) keep no copy of it, and keys stay short whatever the subject's length.
function keyOf(limit: AttemptLimit, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url");
  return `${limit.name}:${digest.slice(0, 32)}`;
}

const SWEEP_INTERVAL_MS = 60_000;
let lastSweep = 0;

/**
 * Counts one attempt by `subject` against `limit`, whatever comes of it (so that attempts made
 * at the same time are all counted), and says whether it may go ahead.
 */
export async function countAttemptAgainst(
  store: Store,
  limit: AttemptLimit,
  subject: string,
  now = Date.now(),
): Promise<AttemptVerdict> {
  if (Math.abs(now - lastSweep) >= SWEEP_INTERVAL_MS) {
    lastSweep = now;
    await deleteEndedAttempts(store.db, now);
  }
  const window = await countAttempt(
    store.db,
    keyOf(limit, subject),
    limit.windowMs,
    now,
  );
  return {
    allowed: window.hits <= limit.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
  };
}

/** Takes back one attempt by `subject` (one that turned out not to count, e.g. a success). */
export async function takeBackAttempt(
  store: Store,
  limit: AttemptLimit,
  subject: string,
  now = Date.now(),
): Promise<void> {
  await uncountAttempt(store.db, keyOf(limit, subject), now);
}

/** Forgets every attempt `subject` made against `limit`. */
export async function forgetAttempts(
  store: Store,
  limit: AttemptLimit,
  subject: string,
): Promise<void> {
  await clearAttempts(store.db, keyOf(limit, subject));
}

/**
 * Counts one attempt by `subject`; throws RateLimitedError (429, with `message`, given the
 * seconds to wait, and when to try again) when it goes over `limit`.
 */
export async function enforceLimit(
  store: Store,
  limit: AttemptLimit,
  subject: string,
  message: (retryAfterSeconds: number) => string,
  now = Date.now(),
): Promise<void> {
  const { allowed, retryAfterSeconds } = await countAttemptAgainst(
    store,
    limit,
    subject,
    now,
  );
  if (!allowed)
    throw new RateLimitedError(message(retryAfterSeconds), retryAfterSeconds);
}
