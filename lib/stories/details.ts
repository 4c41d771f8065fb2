import type { Store } from "../db/client";
import { listEvents } from "../db/events";
import {
  presentEvent,
  presentStory,
  type StoryEventView,
  type StoryView,
} from "../db/presenters";
import { findStoryById, type StoryRecord } from "../db/story-rows";
import { usersById, type UserRow } from "../db/users";
import { AppError } from "../errors";
import { isDesk } from "../workflow/actors";
import { can, canSpike } from "../workflow/permissions";
import { availableTransitions } from "../workflow/transitions";

/** A story the actor may see; throws not_found (404) otherwise. */
export async function loadVisibleStory(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<StoryRecord> {
  const story = await findStoryById(store.db, id);
  if (!story || !can(actor, "view", story))
    throw new AppError("not_found", "No such story.");
  return story;
}

export interface StoryDetails extends StoryView {
  /** When the story was spiked (it is out of the lists), or null. */
  spikedAt: string | null;
  history: StoryEventView[];
  /** The slug was chosen by an editor and no longer follows the headline. */
  slugCustom: boolean;
  permissions: {
    edit: boolean;
    publish: boolean;
    manageAuthors: boolean;
    changeSlug: boolean;
    /** May spike it (lib/stories/spike.ts). */
    spike: boolean;
    /** May assign it and set when it is due (the desk). */
    plan: boolean;
    transitions: ReturnType<typeof availableTransitions>;
  };
}

/** Metadata, status, audit history and what the actor may do. */
export async function storyDetails(
  store: Store,
  actor: UserRow,
  id: string,
): Promise<StoryDetails> {
  const story = await loadVisibleStory(store, actor, id);
  const events = await listEvents(store.db, id);
  const users = await usersById(store.db, [
    ...story.authorIds,
    ...(story.assignee_id ? [story.assignee_id] : []),
    ...events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
  ]);
  return {
    ...presentStory(story, users),
    slugCustom: story.slug_custom === 1,
    spikedAt: story.spiked_at,
    history: events.map((e) => presentEvent(e, users)),
    permissions: {
      edit: can(actor, "edit", story),
      publish: can(actor, "publish", story),
      manageAuthors: can(actor, "manage-authors", story),
      changeSlug: can(actor, "change-slug", story),
      spike: story.spiked_at === null && canSpike(actor, story),
      plan: isDesk(actor),
      transitions: availableTransitions(actor, story),
    },
  };
}
