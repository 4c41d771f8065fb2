import type { Store } from "../db/client";
import { enforceLimit, type AttemptLimit } from "../rate-limit";

/**
 * Uploads allowed per user: 100 in 15 minutes. A photo desk filing a gallery stays well
 * inside; a script decoding image after image on our CPUs does not.
 */
export const UPLOAD_LIMIT = {
  name: "uploads",
  limit: 100,
  windowMs: 15 * 60_000,
} as const satisfies AttemptLimit;

/** Counts an upload by `userId`; throws RateLimitedError (429, Retry-After) past UPLOAD_LIMIT. */
export async function countUpload(
  store: Store,
  userId: string,
  now = Date.now(),
): Promise<void> {
  await enforceLimit(
    store,
    UPLOAD_LIMIT,
    userId,
    (seconds) =>
      `You have uploaded ${UPLOAD_LIMIT.limit} images in ${UPLOAD_LIMIT.windowMs / 60_000} minutes, ` +
      `the most allowed; try again in ${Math.ceil(seconds / 60)} minutes.`,
    now,
  );
}
