import { z } from "zod";
import type { AttemptLimit } from "../rate-limit";

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

/**
 * Sign-ups allowed, counted in the store like every limit (lib/rate-limit): per client address
 * (lib/client-address) and per e-mail address signed up.
 */
export const SUBSCRIBE_LIMITS = {
  client: { name: "subscribe-client", limit: 20, windowMs: 10 * 60_000 },
  email: { name: "subscribe-email", limit: 5, windowMs: 60 * 60_000 },
} satisfies Record<string, AttemptLimit>;
