import { z } from "zod";
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

/**
 * The client a request comes from, for rate limiting: the last `x-forwarded-for` entry (the
 * one our own server or the nearest reverse proxy wrote), else "unknown".
 */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last || headers.get("x-real-ip")?.trim() || "unknown";
}
