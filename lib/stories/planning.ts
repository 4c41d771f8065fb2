import { z } from "zod";
import type { Store } from "../db/client";
import { recordEvent } from "../db/events";
import { addStoryAuthor } from "../db/story-rows";
import { inTransaction, nowIso } from "../db/transaction";
import { findUserById, isActive, type UserRow } from "../db/users";
import { AppError } from "../errors";
import { isDesk } from "../workflow/actors";
import { can } from "../workflow/permissions";
import { loadVisibleStory, storyDetails, type StoryDetails } from "./details";

/** `PATCH /api/stories/:id/plan`: null clears a field, a missing one stays. */
export const planBody = z
  .strictObject({
    assigneeId: z.string().uuid().nullable(),
    dueAt: z.iso.datetime({ offset: true }).nullable(),
    targetWords: z.number().int().min(50).max(20_000).nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, {
    message: "send assigneeId, dueAt or targetWords",
  });

/**
 * Plans a story: the desk assigns it (a reporter assigned becomes one of its authors, so that
 * they may write it) and sets when it is due; the desk and whoever may edit it set its target
 * length. Returns its details and whom it was newly assigned to. Throws forbidden/not_found.
 */
export async function planStory(
  store: Store,
  actor: UserRow,
  id: string,
  body: z.infer<typeof planBody>,
): Promise<{ details: StoryDetails; assigned: string | null }> {
  const story = await loadVisibleStory(store, actor, id);
  const deskOnly = body.assigneeId !== undefined || body.dueAt !== undefined;
  if (deskOnly && !isDesk(actor))
    throw new AppError(
      "forbidden",
      "Only the desk assigns stories and sets deadlines.",
    );
  if (body.targetWords !== undefined && !can(actor, "edit", story))
    throw new AppError("forbidden", "You may not change this story's plan.");
  let assignee: UserRow | undefined;
  if (body.assigneeId) {
    assignee = await findUserById(store.db, body.assigneeId);
    if (!assignee || !isActive(assignee))
      throw new AppError("not_found", "No active member of staff has that id.");
  }
  const newlyAssigned =
    assignee && assignee.id !== story.assignee_id ? assignee : null;
  await inTransaction(store, async (db) => {
    await db
      .updateTable("stories")
      .set({
        ...(body.assigneeId !== undefined && { assignee_id: body.assigneeId }),
        ...(body.dueAt !== undefined && {
          due_at: body.dueAt && new Date(body.dueAt).toISOString(),
        }),
        ...(body.targetWords !== undefined && {
          target_words: body.targetWords,
        }),
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .execute();
    if (
      newlyAssigned?.role === "reporter" &&
      (await addStoryAuthor(db, id, newlyAssigned.id))
    )
      await recordEvent(db, {
        storyId: id,
        actorId: actor.id,
        kind: "author-added",
        note: newlyAssigned.name,
      });
  });
  return {
    details: await storyDetails(store, actor, id),
    assigned: newlyAssigned?.id ?? null,
  };
}
