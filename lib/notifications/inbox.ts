import { z } from "zod";
import type { Store } from "../db/client";
import {
  countUnread,
  listNotifications,
  markNotificationsRead,
} from "../db/notifications";
import type { NotificationKind } from "../db/schema";
import type { UserRow } from "../db/users";

/** `POST /api/notifications/read`: which of one's notifications to mark read. */
export const markReadBody = z.strictObject({
  ids: z.array(z.string().uuid()).min(1).max(200),
});

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  storyId: string | null;
  text: string;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  items: NotificationView[];
  unread: number;
}

/** The signed-in person's newest notifications and how many are unread. */
export async function inboxOf(store: Store, user: UserRow): Promise<Inbox> {
  const { items, unread } = await listNotifications(store.db, user.id);
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      storyId: n.story_id,
      text: n.text,
      createdAt: n.created_at,
      readAt: n.read_at,
    })),
    unread,
  };
}

/** Marks notifications read (only the person's own); returns how many stay unread. */
export async function markRead(
  store: Store,
  user: UserRow,
  ids: readonly string[],
): Promise<{ unread: number }> {
  await markNotificationsRead(store.db, user.id, ids);
  return { unread: await countUnread(store.db, user.id) };
}
