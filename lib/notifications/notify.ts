import type { Store } from "../db/client";
import { insertNotifications, type NewNotification } from "../db/notifications";
import { findStoryById, type StoryRecord } from "../db/story-rows";
import {
  findUserByEmail,
  isActive,
  listAllUsers,
  type UserRow,
} from "../db/users";
import type { StoryStatus } from "../workflow/states";

const MAX_NOTE_CHARS = 140;

function quoted(story: StoryRecord): string {
  return `“${story.headline.trim() || "Untitled story"}”`;
}

/** The note's first line, shortened for the inbox. */
export function firstLine(note: string | undefined): string {
  const line = (note ?? "").trim().split(/\r?\n/)[0]?.trim() ?? "";
  return line.length > MAX_NOTE_CHARS
    ? `${line.slice(0, MAX_NOTE_CHARS - 1)}…`
    : line;
}

/** Who is told of a move, and what: the desk of a submission, the authors of the rest. */
async function movedNotifications(
  store: Store,
  actor: UserRow,
  story: StoryRecord,
  to: StoryStatus,
  note: string | undefined,
): Promise<NewNotification[]> {
  const about = (
    userIds: string[],
    kind: NewNotification["kind"],
    text: string,
  ) =>
    [...new Set(userIds)]
      .filter((id) => id !== actor.id)
      .map((userId) => ({ userId, kind, storyId: story.id, text }));
  const authors = story.authorIds;
  switch (to) {
    case "submitted": {
      const desk = (await listAllUsers(store.db)).filter(
        (u) => isActive(u) && (u.role === "editor" || u.role === "admin"),
      );
      return about(
        desk.map((u) => u.id),
        "submitted",
        `${actor.name} submitted ${quoted(story)} for review.`,
      );
    }
    case "draft": {
      // An author taking their own story back is no news to them.
      if (authors.includes(actor.id)) return [];
      const line = firstLine(note);
      return about(
        authors,
        "returned",
        `${actor.name} returned ${quoted(story)}${line ? `: ${line}` : "."}`,
      );
    }
    case "approved":
      return about(
        authors,
        "approved",
        `${actor.name} approved ${quoted(story)}.`,
      );
    case "published":
      return about(
        authors,
        "published",
        `${actor.name} published ${quoted(story)}.`,
      );
    default:
      return [];
  }
}

/**
 * Tells the people concerned that `actor` moved the story to `to` (after the move committed);
 * returns whose inboxes changed. A scheduled publication is told when it happens.
 */
export async function notifyMove(
  store: Store,
  actor: UserRow,
  storyId: string,
  to: StoryStatus,
  note?: string,
): Promise<string[]> {
  const story = await findStoryById(store.db, storyId);
  if (!story) return [];
  const notifications = await movedNotifications(store, actor, story, to, note);
  await insertNotifications(store.db, notifications);
  return notifications.map((n) => n.userId);
}

/** Tells the authors of stories the scheduler just published; returns whose inboxes changed. */
export async function notifyScheduledPublication(
  store: Store,
  storyIds: readonly string[],
): Promise<string[]> {
  const notifications: NewNotification[] = [];
  for (const id of storyIds) {
    const story = await findStoryById(store.db, id);
    if (!story) continue;
    for (const userId of story.authorIds)
      notifications.push({
        userId,
        kind: "scheduled-published",
        storyId: id,
        text: `${quoted(story)} went live as scheduled.`,
      });
  }
  await insertNotifications(store.db, notifications);
  return [...new Set(notifications.map((n) => n.userId))];
}

/** Tells the person with `email` that `actor` made them a co-author; returns whose inbox changed. */
export async function notifyCoAuthor(
  store: Store,
  actor: UserRow,
  storyId: string,
  email: string,
): Promise<string[]> {
  const [story, added] = await Promise.all([
    findStoryById(store.db, storyId),
    findUserByEmail(store.db, email),
  ]);
  if (!story || !added || added.id === actor.id) return [];
  const userId = added.id;
  await insertNotifications(store.db, [
    {
      userId,
      kind: "co-author",
      storyId,
      text: `${actor.name} added you as a co-author of ${quoted(story)}.`,
    },
  ]);
  return [userId];
}
