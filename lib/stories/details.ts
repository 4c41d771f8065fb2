import type { Store } from "../db/client";
import { listEvents } from "../db/events";
import { listStoryCorrections } from "../db/corrections";
import {
  presentEvent,
  presentPerson,
  presentStory,
  type PersonView,
  type StoryEventView,
  type StoryView,
} from "../db/presenters";
import { findStoryById, type StoryRecord } from "../db/story-rows";
import { usersById, type UserRow } from "../db/users";
import { AppError } from "../errors";
import { isDesk } from "../workflow/actors";
import {
  can,
  canSpike,
  suggestsByDefault,
  suggestsOnly,
} from "../workflow/permissions";
import type { CorrectionKind } from "../workflow/corrections";
import { availableTransitions } from "../workflow/transitions";
import { searchSocialOf, type SearchSocial } from "./search-social";

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

/** A correction or clarification as the newsroom sees it: with who published it. */
export interface CorrectionView {
  id: number;
  kind: CorrectionKind;
  text: string;
  at: string;
  by: PersonView | null;
}

export interface StoryDetails extends StoryView {
  /** When the story was spiked (it is out of the lists), or null. */
  spikedAt: string | null;
  history: StoryEventView[];
  /** Its corrections and clarifications, newest first. */
  corrections: CorrectionView[];
  /** The slug was chosen by an editor and no longer follows the headline. */
  slugCustom: boolean;
  /** The desk's search and social overrides (they go live with the next publication). */
  searchSocial: SearchSocial;
  permissions: {
    edit: boolean;
    publish: boolean;
    manageAuthors: boolean;
    changeSlug: boolean;
    /** May spike it (lib/stories/spike.ts). */
    spike: boolean;
    /** May assign it and set when it is due (the desk). */
    plan: boolean;
    editSearchSocial: boolean;
    /** Decides on everyone's suggestions (the desk); authors decide on the desk's. */
    decideAllSuggestions: boolean;
    /** Text changes are suggestions unless chosen otherwise (the desk in review). */
    suggestByDefault: boolean;
    /** Changes the text only by suggesting, and comments (an author in review). */
    suggestOnly: boolean;
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
  const corrections = await listStoryCorrections(store.db, id);
  const users = await usersById(store.db, [
    ...story.authorIds,
    ...(story.assignee_id ? [story.assignee_id] : []),
    ...events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
    ...corrections.flatMap((c) => (c.created_by ? [c.created_by] : [])),
  ]);
  return {
    ...presentStory(story, users),
    slugCustom: story.slug_custom === 1,
    spikedAt: story.spiked_at,
    searchSocial: searchSocialOf(story),
    history: events.map((e) => presentEvent(e, users)),
    corrections: corrections.map((c) => ({
      id: c.id,
      kind: c.kind,
      text: c.text,
      at: c.created_at,
      by: presentPerson(users, c.created_by),
    })),
    permissions: {
      edit: can(actor, "edit", story),
      publish: can(actor, "publish", story),
      manageAuthors: can(actor, "manage-authors", story),
      changeSlug: can(actor, "change-slug", story),
      spike: story.spiked_at === null && canSpike(actor, story),
      plan: isDesk(actor),
      editSearchSocial: can(actor, "edit-search-social", story),
      decideAllSuggestions: isDesk(actor),
      suggestByDefault: suggestsByDefault(actor, story),
      suggestOnly: suggestsOnly(actor, story),
      transitions: availableTransitions(actor, story),
    },
  };
}
