import type { Kysely } from "kysely";
import type { NotificationRow } from "./notifications";
import type { Database } from "./schema";

/** The instants a digest sweep compares against (ISO strings, as stored). */
export interface DigestClock {
  now: string;
  /** A person whose last digest went out after this waits: the 5-minute window's start. */
  windowStart: string;
}

/**
 * Active people with unread notifications not yet mailed, whose last digest is older than the
 * window and whose digest nobody is sending (or waiting to retry) at `now`.
 */
export async function listDigestCandidates(
  db: Kysely<Database>,
  clock: DigestClock,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .leftJoin("mail_digests as d", "d.user_id", "n.user_id")
    .select("n.user_id")
    .distinct()
    .where("n.mailed_at", "is", null)
    .where("n.read_at", "is", null)
    .where("n.created_at", "<=", clock.now)
    .where("u.deactivated_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("d.sent_at", "is", null),
        eb("d.sent_at", "<=", clock.windowStart),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb("d.busy_until", "is", null),
        eb("d.busy_until", "<=", clock.now),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Claims the person's next digest until `busyUntil`, if it is due and unclaimed: one UPDATE
 * whose condition is checked again under the row's lock, so of several processes one wins.
 */
export async function claimDigest(
  db: Kysely<Database>,
  userId: string,
  clock: DigestClock,
  busyUntil: string,
): Promise<boolean> {
  await db
    .insertInto("mail_digests")
    .values({ user_id: userId, sent_at: null, busy_until: null })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  const result = await db
    .updateTable("mail_digests")
    .set({ busy_until: busyUntil })
    .where("user_id", "=", userId)
    .where((eb) =>
      eb.or([
        eb("sent_at", "is", null),
        eb("sent_at", "<=", clock.windowStart),
      ]),
    )
    .where((eb) =>
      eb.or([eb("busy_until", "is", null), eb("busy_until", "<=", clock.now)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The person's unread notifications not yet mailed, oldest first. */
export async function listUnmailedNotifications(
  db: Kysely<Database>,
  userId: string,
  now: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .where("mailed_at", "is", null)
    .where("read_at", "is", null)
    .where("created_at", "<=", now)
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** The digest went out at `now` with `ids`: they are mailed, and the person's window starts. */
export async function recordDigestSent(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
  now: string,
): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable("notifications")
      .set({ mailed_at: now })
      .where("user_id", "=", userId)
      .where("id", "in", [...ids])
      .execute();
  await db
    .updateTable("mail_digests")
    .set({ sent_at: now, busy_until: null })
    .where("user_id", "=", userId)
    .execute();
}

/**
 * Gives up the claim without sending: free at once (`until` null: nothing was left to send) or
 * from `until` (the send failed; the notifications stay unmailed for that retry).
 */
export async function releaseDigest(
  db: Kysely<Database>,
  userId: string,
  until: string | null,
): Promise<void> {
  await db
    .updateTable("mail_digests")
    .set({ busy_until: until })
    .where("user_id", "=", userId)
    .execute();
}
