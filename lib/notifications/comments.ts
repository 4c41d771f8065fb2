import { createHash } from "node:crypto";
import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import { insertNotifications, type NewNotification } from "../db/notifications";
import { isActive, listAllUsers, type UserRow } from "../db/users";
import { readThreads } from "../editor/comments";
import { AppError } from "../errors";
import { loadVisibleStory } from "../stories/details";
import { can } from "../workflow/permissions";

/** How long the message is looked for in the store (the collaboration server stores it within ms). */
const WAIT_FOR_STORED_MS = 3000;
const SNIPPET_CHARS = 100;

/** A UUID-shaped id that is the same for the same message and person: told once, however asked. */
function notificationId(messageId: string, userId: string): string {
  const hex = createHash("sha256")
    .update(`${messageId}:${userId}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_CHARS
    ? `${flat.slice(0, SNIPPET_CHARS - 1)}…`
    : flat;
}

async function storedMessage(
  store: Store,
  storyId: string,
  threadId: string,
  messageId: string,
  waitMs: number,
) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const thread = readThreads(await loadStoryDoc(store, storyId)).find(
      (t) => t.id === threadId,
    );
    const index = thread?.messages.findIndex((m) => m.id === messageId) ?? -1;
    if (thread && index >= 0) return { thread, index };
    if (Date.now() > deadline)
      throw new AppError("not_found", "No such comment in the story.");
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Tells the people a comment concerns: everyone it mentions (`@Full Name` of an active member
 * of staff who may see the story) and, for a reply, everyone who wrote in the thread before.
 * Only the comment's own author may ask, and each person is told once per comment. Returns
 * whose inboxes changed. Throws not_found / forbidden.
 */
export async function notifyComment(
  store: Store,
  actor: UserRow,
  storyId: string,
  threadId: string,
  messageId: string,
  waitMs = WAIT_FOR_STORED_MS,
): Promise<string[]> {
  const story = await loadVisibleStory(store, actor, storyId);
  const { thread, index } = await storedMessage(
    store,
    storyId,
    threadId,
    messageId,
    waitMs,
  );
  const message = thread.messages[index]!;
  if (message.author.id !== actor.id)
    throw new AppError("forbidden", "Only its author can send a comment on.");
  const staff = (await listAllUsers(store.db)).filter(
    (u) => isActive(u) && u.id !== actor.id && can(u, "view", story),
  );
  const headline = `“${story.headline.trim() || "Untitled story"}”`;
  const said = snippet(message.text);
  const mentioned = staff.filter((u) => message.text.includes(`@${u.name}`));
  const earlier = new Set(
    thread.messages.slice(0, index).map((m) => m.author.id),
  );
  const repliedTo = staff.filter(
    (u) => earlier.has(u.id) && !mentioned.includes(u),
  );
  const notifications: NewNotification[] = [
    ...mentioned.map((u) => ({
      id: notificationId(message.id, u.id),
      userId: u.id,
      kind: "mention" as const,
      storyId,
      text: `${actor.name} mentioned you on ${headline}: ${said}`,
    })),
    ...repliedTo.map((u) => ({
      id: notificationId(message.id, u.id),
      userId: u.id,
      kind: "reply" as const,
      storyId,
      text: `${actor.name} replied on ${headline}: ${said}`,
    })),
  ];
  await insertNotifications(store.db, notifications);
  return notifications.map((n) => n.userId);
}
