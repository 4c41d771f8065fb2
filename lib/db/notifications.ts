import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, NotificationKind, NotificationsTable } from "./schema";
import { nowIso, orderedNowIso } from "./transaction";

export type NotificationRow = NotificationsTable;

export interface NewNotification {
  /** Given for notifications that must exist once however often they are raised. */
  id?: string;
  userId: string;
  kind: NotificationKind;
  storyId: string | null;
  text: string;
}

/** Adds notifications to their people's inboxes; one whose `id` exists already is skipped. */
export async function insertNotifications(
  db: Kysely<Database>,
  notifications: readonly NewNotification[],
): Promise<void> {
  if (notifications.length === 0) return;
  const createdAt = orderedNowIso();
  await db
    .insertInto("notifications")
    .values(
      notifications.map((n) => ({
        id: n.id ?? randomUUID(),
        user_id: n.userId,
        kind: n.kind,
        story_id: n.storyId,
        text: n.text,
        created_at: createdAt,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

/** A person's newest notifications, and how many of all theirs are unread. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: string,
  limit = 30,
): Promise<{ items: NotificationRow[]; unread: number }> {
  const items = await db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return { items, unread: await countUnread(db, userId) };
}

export async function countUnread(
  db: Kysely<Database>,
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks `ids` read, only those in `userId`'s inbox. */
export async function markNotificationsRead(
  db: Kysely<Database>,
  userId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("notifications")
    .set({ read_at: nowIso() })
    .where("user_id", "=", userId)
    .where("id", "in", [...ids])
    .where("read_at", "is", null)
    .execute();
}
