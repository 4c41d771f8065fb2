import { createHash } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
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

/**
 * The client a request comes from, as one subject for address limits: the last
 * `x-forwarded-for` entry (the one our own server or the nearest reverse proxy wrote), IPv4 as
 * is and IPv6 by its /64 (one subscriber holds a whole /64), else "unknown".
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").pop()?.trim();
  const raw = forwarded || headers.get("x-real-ip")?.trim() || "";
  const address = raw.replace(/^\[|\](:\d+)?$/g, "").replace(/%.*$/, "");
  const mapped = address.toLowerCase().startsWith("::ffff:")
    ? address.slice(7)
    : address;
  if (isIPv4(mapped)) return mapped;
  if (isIPv6(address)) return `${ipv6Prefix64(address)}::/64`;
  return raw ? raw.slice(0, 100) : "unknown";
}

/** The first four groups of an IPv6 address, `::` expanded and leading zeros dropped. */
function ipv6Prefix64(address: string): string {
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  let groups = headGroups;
  if (tail !== undefined) {
    const tailGroups = tail ? tail.split(":") : [];
    // An embedded IPv4 address (`64:ff9b::192.0.2.1`) stands for two groups.
    const tailLength = tailGroups.reduce(
      (n, g) => n + (g.includes(".") ? 2 : 1),
      0,
    );
    const zeros = Array<string>(
      Math.max(0, 8 - headGroups.length - tailLength),
    ).fill("0");
    groups = [...headGroups, ...zeros, ...tailGroups];
  }
  return groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":");
}
