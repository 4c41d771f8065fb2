import { can, type StoryAccess } from "../workflow/permissions";
import { ACCOUNT_DEACTIVATED, SUGGEST_ONLY } from "./protocol";
import { type Actor } from "../workflow/actors";

export type SocketAccess =
  | { kind: "read-write" }
  | { kind: "suggest-only"; reason: string }
  | { kind: "read-only"; reason: string }
  | { kind: "close"; reason: string };

/**
 * What an open collaboration socket may do after the story's status or authors changed. A
 * co-author removed from the story, or a deactivated account, is disconnected; an author while the
 * desk reviews it may only suggest (and comment); anyone else who may read but not change the
 * story keeps a read-only socket.
 */
export function socketAccess(
  user: (Actor & { deactivated_at?: string | null }) | undefined,
  story: StoryAccess | undefined,
  wasAuthor: boolean,
): SocketAccess {
  if (!user)
    return { kind: "close", reason: "unauthorized: account no longer exists" };
  if (user.deactivated_at)
    return { kind: "close", reason: ACCOUNT_DEACTIVATED };
  if (!story)
    return { kind: "close", reason: "not found: the story was deleted" };
  if (!can(user, "view", story))
    return { kind: "close", reason: "forbidden: no access to this story" };
  if (
    wasAuthor &&
    !story.authorIds.includes(user.id) &&
    user.role === "reporter"
  ) {
    return {
      kind: "close",
      reason: "forbidden: removed from the story's authors",
    };
  }
  if (can(user, "edit", story)) return { kind: "read-write" };
  if (can(user, "suggest", story))
    return {
      kind: "suggest-only",
      reason: `${SUGGEST_ONLY}: the desk is reviewing the story`,
    };
  return {
    kind: "read-only",
    reason:
      story.status === "submitted" || story.status === "approved"
        ? "read-only: the desk is reviewing the story"
        : "read-only: not an author of this story",
  };
}
