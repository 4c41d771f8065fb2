import { isDesk, roles, type Actor } from "./actors";
import { deskOnlyStates, type StoryStatus } from "./states";

/** What a permission check needs to know about a story. */
export interface StoryAccess {
  status: StoryStatus;
  authorIds: readonly string[];
}

export type StoryAction =
  | "view"
  | "edit"
  | "suggest"
  | "publish"
  | "manage-authors"
  | "change-slug"
  | "edit-search-social";

/**
 * The one permission table, used by route handlers and the collaboration server.
 * Everyone in the newsroom may read every story; reporters change only their own, and not
 * while the desk reviews it; the desk (editors, and admins who hold every editor right)
 * changes any story. Moves between states are in transitions.ts.
 */
export function can(
  actor: Actor,
  action: StoryAction,
  story: StoryAccess,
): boolean {
  const isAuthor = story.authorIds.includes(actor.id);
  switch (action) {
    case "view":
      return true;
    case "edit":
      // While the desk reviews a story (submitted, approved) only the desk changes it.
      return (
        isDesk(actor) || (isAuthor && !deskOnlyStates.includes(story.status))
      );
    case "suggest":
      // Authors may still suggest, comment and reply while the desk reviews; the desk decides.
      return isDesk(actor) || isAuthor;
    case "manage-authors":
      return isDesk(actor) || isAuthor;
    case "publish":
    case "change-slug":
    case "edit-search-social":
      return isDesk(actor);
  }
}

/**
 * Whether `actor` changes the story's text as suggestions unless they choose otherwise: the desk
 * while it reviews (submitted, approved), so the reporter sees exactly what the desk changed.
 */
export function suggestsByDefault(actor: Actor, story: StoryAccess): boolean {
  return isDesk(actor) && deskOnlyStates.includes(story.status);
}

/**
 * Whether `actor` may change the story only by suggesting (and comment and reply): its authors
 * while the desk reviews it. The collaboration server refuses anything else they send.
 */
export function suggestsOnly(actor: Actor, story: StoryAccess): boolean {
  return !can(actor, "edit", story) && can(actor, "suggest", story);
}

/** Whether `actor` may start a new story. */
export function canCreateStory(actor: Actor): boolean {
  return roles.includes(actor.role);
}

/** Whether `actor` may invite people, change their roles, deactivate them and reset passwords. */
export function canManageAccounts(actor: Actor): boolean {
  return actor.role === "admin";
}

/**
 * Who may spike a story (take it out of the lists; lib/stories/spike.ts): its authors and the
 * desk, while it is a draft that was never published.
 */
export function canSpike(
  actor: Actor,
  story: StoryAccess & { first_published_at: string | null },
): boolean {
  return (
    story.status === "draft" &&
    story.first_published_at === null &&
    (isDesk(actor) || story.authorIds.includes(actor.id))
  );
}
