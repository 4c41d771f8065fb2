import type { Store } from "../db/client";
import { recordEvent } from "../db/events";
import {
  addStoryAuthor,
  removeStoryAuthor,
  type StoryRecord,
} from "../db/story-rows";
import {
  findUserByEmail,
  findUserById,
  isActive,
  type UserRow,
} from "../db/users";
import { AppError } from "../errors";
import { can } from "../workflow/permissions";
import { loadVisibleStory, storyDetails, type StoryDetails } from "./details";

/** The story `id`, when `actor` may change its authors; throws not_found or forbidden. */
async function loadStoryToManage(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<StoryRecord> {
  const story = await loadVisibleStory(store, actor, id);
  if (!can(actor, "manage-authors", story))
    throw new AppError(
      "forbidden",
      "Only an author or an editor can change the authors.",
    );
  return story;
}

/** Adds an active reporter (by e-mail) as a co-author; throws not_found, forbidden or conflict. */
export async function addAuthor(
  store: Store,
  actor: UserRow,
  id: string,
  email: string,
): Promise<StoryDetails> {
  await loadStoryToManage(store, actor, id);
  const user = await findUserByEmail(store.db, email);
  if (!user)
    throw new AppError("not_found", `No newsroom account uses ${email}.`);
  if (!isActive(user))
    throw new AppError("conflict", `${user.name}'s account is deactivated.`);
  if (user.role !== "reporter")
    throw new AppError(
      "conflict",
      "Only reporters are added as co-authors; editors can edit every story.",
    );
  if (await addStoryAuthor(store.db, id, user.id)) {
    await recordEvent(store.db, {
      storyId: id,
      actorId: actor.id,
      kind: "author-added",
      note: user.name,
    });
  }
  return storyDetails(store, actor, id);
}

/** Removes a co-author. The last author cannot be removed. */
export async function removeAuthor(
  store: Store,
  actor: UserRow,
  id: string,
  userId: string,
): Promise<StoryDetails> {
  const story = await loadStoryToManage(store, actor, id);
  if (!story.authorIds.includes(userId))
    throw new AppError(
      "not_found",
      "That person is not an author of this story.",
    );
  if (story.authorIds.length === 1)
    throw new AppError("conflict", "A story keeps at least one author.");
  const user = await findUserById(store.db, userId);
  await removeStoryAuthor(store.db, id, userId);
  await recordEvent(store.db, {
    storyId: id,
    actorId: actor.id,
    kind: "author-removed",
    note: user?.name ?? userId,
  });
  return storyDetails(store, actor, id);
}
