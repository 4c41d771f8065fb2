import { AppError } from "../errors";
import { isDesk, type Actor } from "./actors";
import type { StoryAccess } from "./permissions";
import { statusLabels, type StoryStatus } from "./states";

/**
 * Who may take a transition: the desk (editors, admins), the story's authors who are not on
 * the desk, or both.
 */
type Who = "desk" | "author" | "author-or-desk";

interface TransitionRule {
  from: StoryStatus;
  to: StoryStatus;
  who: Who;
  /** A note is required (returning a story says what to fix). */
  requiresNote?: boolean;
  /** What the action is called in the editor. */
  label: string;
}

/**
 * The editorial workflow: draft → submitted → approved → published, returns with a note,
 * post-publication changes kept apart from the live version, unpublishing and putting back.
 * Scheduling is approved → published with a time; the scheduler takes the transition then.
 */
export const transitionRules: readonly TransitionRule[] = [
  {
    from: "draft",
    to: "submitted",
    who: "author-or-desk",
    label: "Submit for review",
  },
  {
    from: "submitted",
    to: "draft",
    who: "desk",
    requiresNote: true,
    label: "Return to reporter",
  },
  // The reporter takes a submission back (to fix something) before the desk decides.
  {
    from: "submitted",
    to: "draft",
    who: "author",
    label: "Withdraw submission",
  },
  { from: "submitted", to: "approved", who: "desk", label: "Approve" },
  { from: "approved", to: "draft", who: "desk", label: "Reopen" },
  { from: "approved", to: "published", who: "desk", label: "Publish" },
  { from: "published", to: "published", who: "desk", label: "Republish" },
  {
    from: "published",
    to: "submitted",
    who: "author-or-desk",
    label: "Submit changes for review",
  },
  {
    from: "published",
    to: "draft",
    who: "author-or-desk",
    label: "Work on changes",
  },
  { from: "published", to: "unpublished", who: "desk", label: "Unpublish" },
  { from: "unpublished", to: "draft", who: "author-or-desk", label: "Reopen" },
  { from: "unpublished", to: "published", who: "desk", label: "Publish again" },
];

function allowedFor(
  rule: TransitionRule,
  actor: Actor,
  story: StoryAccess,
): boolean {
  const author = story.authorIds.includes(actor.id);
  switch (rule.who) {
    case "desk":
      return isDesk(actor);
    case "author":
      return author && !isDesk(actor);
    case "author-or-desk":
      return author || isDesk(actor);
  }
}

/**
 * Checks a move of `story` to `to` by `actor`. Throws AppError conflict (409) when the story's
 * state does not allow it, forbidden (403) when the actor's role does not, validation_failed
 * (422) when a required note is missing. Returns the rule taken.
 */
export function assertTransition(
  actor: Actor,
  story: StoryAccess,
  to: StoryStatus,
  note?: string | null,
): TransitionRule {
  const moves = transitionRules.filter(
    (r) => r.from === story.status && r.to === to,
  );
  const rule = moves.find((r) => allowedFor(r, actor, story)) ?? moves[0];
  const towards = transitionRules.filter((r) => r.to === to);
  // A move this person could never make, from any state, is a question of role (403)…
  const ownRule = rule ?? towards.find((r) => allowedFor(r, actor, story));
  if (!ownRule || !allowedFor(ownRule, actor, story)) {
    const deskOnly = (rule ? moves : towards).every((r) => r.who === "desk");
    throw new AppError(
      "forbidden",
      deskOnly
        ? `Only editors can ${verbs[to]} a story.`
        : `Only the story's authors and editors can ${verbs[to]} it.`,
    );
  }
  // …one they could make from another state is a question of state (409).
  if (!rule) {
    const from = statusLabels[story.status].toLowerCase();
    const reachable = towards
      .filter((r) => allowedFor(r, actor, story))
      .map((r) => statusLabels[r.from].toLowerCase());
    throw new AppError(
      "conflict",
      `A story that is ${from} cannot be moved to ${statusLabels[to].toLowerCase()} (only from: ${[...new Set(reachable)].join(", ")}).`,
    );
  }
  if (rule.requiresNote && !note?.trim()) {
    throw new AppError(
      "validation_failed",
      "Say what needs to change: a note is required to return a story.",
    );
  }
  return rule;
}

const verbs: Record<StoryStatus, string> = {
  draft: "move back to draft",
  submitted: "submit",
  approved: "approve",
  published: "publish",
  unpublished: "unpublish",
};

/** The moves `actor` may make on `story` now, with their labels. */
export function availableTransitions(
  actor: Actor,
  story: StoryAccess,
): Array<{ to: StoryStatus; label: string; requiresNote: boolean }> {
  return transitionRules
    .filter((r) => r.from === story.status && allowedFor(r, actor, story))
    .map((r) => ({
      to: r.to,
      label: r.label,
      requiresNote: Boolean(r.requiresNote),
    }));
}
