import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import {
  deleteSpikedBefore,
  deleteStory,
  listAbandonedDrafts,
  markSpiked,
  unmarkSpiked,
} from "../db/spike";
import { inTransaction } from "../db/transaction";
import type { UserRow } from "../db/users";
import { readThreads } from "../editor/comments";
import { Y_DECK, Y_HEADLINE } from "../editor/names";
import { readBody, readSingleLine } from "../editor/story-document";
import { AppError } from "../errors";
import { isDesk } from "../workflow/actors";
import { canSpike } from "../workflow/permissions";
import { loadVisibleStory } from "./details";

/** How long a spiked story can be restored before it is deleted. */
export const SPIKE_KEPT_DAYS = 30;
/** An untitled, empty draft nobody has touched for this long is deleted. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** Spikes a draft (it leaves the lists). Throws forbidden or conflict. */
export async function spikeStory(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<void> {
  const story = await loadVisibleStory(store, actor, id);
  if (!canSpike(actor, story))
    throw new AppError(
      story.status === "draft" && story.first_published_at === null
        ? "forbidden"
        : "conflict",
      "Only a draft that was never published can be spiked, by its authors or the desk.",
    );
  const done = await inTransaction(store, (db) => markSpiked(db, id, actor.id));
  if (!done) throw new AppError("conflict", "The story was spiked already.");
}

/** The desk puts a spiked story back in the lists. Throws forbidden or conflict. */
export async function restoreSpikedStory(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<void> {
  if (!isDesk(actor))
    throw new AppError("forbidden", "Only the desk restores spiked stories.");
  await loadVisibleStory(store, actor, id);
  const done = await inTransaction(store, (db) =>
    unmarkSpiked(db, id, actor.id),
  );
  if (!done) throw new AppError("conflict", "The story is not spiked.");
}

/** Whether a story's document holds nothing anyone wrote: no headline, deck, text, photo or comment. */
async function isBlank(store: Store, id: string): Promise<boolean> {
  const doc = await loadStoryDoc(store, id);
  if (readSingleLine(doc, Y_HEADLINE) || readSingleLine(doc, Y_DECK))
    return false;
  if (readThreads(doc).length > 0) return false;
  let blank = true;
  readBody(doc).descendants((node) => {
    if (node.type.name !== "paragraph" || node.textContent.trim())
      blank = false;
    return false;
  });
  return blank;
}

/**
 * Housekeeping, run by the scheduler: deletes stories spiked more than 30 days ago, and drafts
 * left blank for an hour (a "New story" nobody wrote in). Returns the ids deleted.
 */
export async function sweepStories(
  store: Store,
  now = new Date(),
): Promise<string[]> {
  const expired = await deleteSpikedBefore(
    store.db,
    new Date(now.getTime() - SPIKE_KEPT_DAYS * 24 * 3600 * 1000),
  );
  const abandoned: string[] = [];
  for (const id of await listAbandonedDrafts(
    store.db,
    new Date(now.getTime() - ABANDONED_AFTER_MS),
  )) {
    if (!(await isBlank(store, id))) continue;
    await deleteStory(store.db, id);
    abandoned.push(id);
  }
  return [...expired, ...abandoned];
}
