import type { Store } from "../db/client";
import {
  claimDigest,
  listDigestCandidates,
  listUnmailedNotifications,
  recordDigestSent,
  releaseDigest,
  type DigestClock,
} from "../db/mail-digests";
import { findUserById, isActive } from "../db/users";
import type { Outbox } from "../mail/mailer";
import { createLogger, describeError } from "../log";
import { digestMessage } from "./digest-mail";

const log = createLogger("digests");

/** At most one digest per person in this long. */
export const DIGEST_WINDOW_MS = 5 * 60 * 1000;
/** A claim outlives any send (the mailer's timeouts add up to 40 s); a crashed sweep's expires. */
const CLAIM_MS = 2 * 60 * 1000;
/** After a failed send the person's digest is tried again this much later. */
export const RETRY_MS = 60 * 1000;
/** People per sweep, and notifications per digest; the rest wait for the next. */
const PEOPLE_PER_SWEEP = 200;
const NOTIFICATIONS_PER_DIGEST = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * E-mails each active person with unread notifications not yet mailed one digest of them, if
 * their last one is at least DIGEST_WINDOW_MS old. Safe in several processes at once: each
 * person's digest is claimed (lib/db/mail-digests.ts) before it is sent. A failed send leaves
 * the notifications unmailed, to be retried RETRY_MS later. Returns how many digests went out.
 */
export async function sendDigests(
  store: Store,
  outbox: Outbox,
  now: Date = new Date(),
): Promise<number> {
  const clock: DigestClock = {
    now: now.toISOString(),
    windowStart: iso(now.getTime() - DIGEST_WINDOW_MS),
  };
  let sent = 0;
  for (const userId of await listDigestCandidates(
    store.db,
    clock,
    PEOPLE_PER_SWEEP,
  )) {
    const claimed = await claimDigest(
      store.db,
      userId,
      clock,
      iso(now.getTime() + CLAIM_MS),
    );
    if (!claimed) continue;
    try {
      if (await sendOne(store, outbox, userId, clock.now)) sent++;
    } catch (error) {
      log.error("a digest could not be sent", {
        userId,
        error: describeError(error),
      });
      await releaseDigest(
        store.db,
        userId,
        iso(now.getTime() + RETRY_MS),
      ).catch(() => undefined);
    }
  }
  return sent;
}

/** Sends the claimed person's digest; false when nothing was left to send. */
async function sendOne(
  store: Store,
  outbox: Outbox,
  userId: string,
  now: string,
): Promise<boolean> {
  const user = await findUserById(store.db, userId);
  // Read in the app since the candidates were listed, or deactivated meanwhile: nothing to send.
  const notifications =
    user && isActive(user)
      ? await listUnmailedNotifications(
          store.db,
          userId,
          now,
          NOTIFICATIONS_PER_DIGEST,
        )
      : [];
  if (!user || notifications.length === 0) {
    await releaseDigest(store.db, userId, null);
    return false;
  }
  await outbox.mailer.send(
    digestMessage(
      outbox,
      { name: user.name, email: user.email },
      notifications,
    ),
  );
  await recordDigestSent(
    store.db,
    userId,
    notifications.map((n) => n.id),
    now,
  );
  return true;
}

/**
 * Sweeps for digests every `intervalMs` (and once at start) until the returned function is
 * called; a sweep still running when the next is due is not doubled.
 */
export function startDigests(
  store: Store,
  outbox: Outbox,
  intervalMs: number,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const sent = await sendDigests(store, outbox);
      if (sent > 0) log.info("sent e-mail digests", { count: sent });
    } catch (error) {
      log.error("digest sweep failed", { error: describeError(error) });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
