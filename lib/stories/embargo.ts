import type { Store } from "../db/client";
import { moveStory } from "../db/story-moves";
import type { StoryRecord } from "../db/story-rows";
import { inTransaction } from "../db/transaction";
import type { UserRow } from "../db/users";
import { AppError } from "../errors";
import { can } from "../workflow/permissions";
import { loadVisibleStory } from "./details";

/**
 * Embargoes: until a story's embargo passes, nothing of it is public — no page, feed or sitemap
 * entry, no JSON-LD, no preview link — and it cannot be published. Separate from a schedule,
 * which says when it goes live: a schedule may not fall before the embargo ends.
 */

/** Whether `story` is under an embargo at `now` (ms). */
export function isEmbargoed(
  story: Pick<StoryRecord, "embargo_until">,
  now: number = Date.now(),
): boolean {
  return story.embargo_until !== null && Date.parse(story.embargo_until) > now;
}

/** Throws AppError embargoed (409) when `story` is under an embargo at `now`; `doing` says what was refused. */
export function assertNotEmbargoed(
  story: Pick<StoryRecord, "embargo_until">,
  doing: string,
  now: number = Date.now(),
): void {
  if (isEmbargoed(story, now))
    throw new AppError(
      "embargoed",
      `The story is embargoed until ${story.embargo_until}: ${doing} before then is not allowed.`,
    );
}

/**
 * Sets (an ISO time) or lifts (null) a story's embargo, recording it. Throws forbidden unless
 * the actor is the desk, validation_failed for a time not in the future, conflict when the
 * story is on the site already (unpublish it first) or scheduled to go live before the embargo
 * ends.
 */
export async function setEmbargo(
  store: Store,
  actor: UserRow,
  id: string,
  until: string | null,
  now: number = Date.now(),
): Promise<void> {
  const story = await loadVisibleStory(store, actor, id);
  const current = story.embargo_until;
  const wanted = until === null ? null : new Date(until).toISOString();
  if (wanted === current) return;
  if (!can(actor, "publish", story))
    throw new AppError("forbidden", "Only editors can set or lift an embargo.");
  if (wanted !== null) {
    if (Date.parse(wanted) <= now)
      throw new AppError(
        "validation_failed",
        "An embargo ends in the future; to lift one, send null.",
      );
    if (story.live_revision_id)
      throw new AppError(
        "conflict",
        "The story is on the site already: unpublish it before embargoing it.",
      );
    if (story.scheduled_at && story.scheduled_at < wanted)
      throw new AppError(
        "conflict",
        `The story is scheduled to go live at ${story.scheduled_at}, before the embargo would end: change the schedule first.`,
      );
  }
  await inTransaction(store, (db) =>
    moveStory(db, {
      storyId: id,
      from: story.status,
      set: { embargo_until: wanted },
      event: {
        kind: wanted === null ? "embargo-lifted" : "embargo-set",
        actorId: actor.id,
        note: wanted,
      },
    }),
  );
}
