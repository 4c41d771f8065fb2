import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../db/schema";
import { nowIso } from "../db/transaction";
import { AppError } from "../errors";

/** The body of `POST /api/subscriptions`. */
export const subscribeBody = z.object({
  email: z
    .string()
    .trim()
    .max(254, "at most 254 characters")
    .email("enter a valid e-mail address"),
  /** The page the form was on (statistics only). */
  source: z.string().trim().max(300).optional(),
});

/** A fixed-window counter per key: `limit` hits per `windowMs`. */
export interface RateLimiter {
  /**
   * Counts a hit for `key`. Returns null when allowed, else the seconds until the window ends.
   * (A value, not an exception: the limiter may live in another bundle's copy of this module,
   * where `instanceof` on its errors would fail.)
   */
  hit(key: string): number | null;
}

/** A 429 that says when to try again. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("rate_limited", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * An in-memory rate limiter (per process: behind several web servers each counts its own,
 * which multiplies the limit by their number; a shared counter would need Redis). Windows
 * that ended are swept once the map grows, so memory stays bounded by the active keys.
 */
export function createRateLimiter(
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      if (windows.size > 10_000)
        for (const [k, w] of windows)
          if (t - w.start >= windowMs) windows.delete(k);
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count <= limit) return null;
      return Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
    },
  };
}

/** The normalised form an address is stored and limited under. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Stores a subscription; subscribing twice is harmless. Returns whether it is new.
 * Never reveals anything beyond that to the caller.
 */
export async function subscribe(
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

/**
 * The client a request comes from, for rate limiting: the last `x-forwarded-for` entry (the
 * one our own server or the nearest reverse proxy wrote), else "unknown".
 */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
