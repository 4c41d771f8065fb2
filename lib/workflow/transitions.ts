import { AppError } from "../errors";
import type { Role } from "../permissions";
import type { StoryStatus } from "./states";

/**
 * The transitions a story can take. Until the review workflow lands, an editor may
 * publish from any state and unpublish a published story; nothing else moves a story.
 */
interface TransitionRule {
  to: StoryStatus;
  from: readonly StoryStatus[] | "any";
  roles: readonly Role[];
}

const rules: readonly TransitionRule[] = [
  { to: "published", from: "any", roles: ["editor", "admin"] },
  { to: "unpublished", from: ["published"], roles: ["editor", "admin"] },
];

/** Throws AppError forbidden (403) or conflict (409) with a reason when the move is not allowed. */
export function assertTransition(
  role: Role,
  from: StoryStatus,
  to: StoryStatus,
): void {
  const rule = rules.find((r) => r.to === to);
  if (!rule)
    throw new AppError("conflict", `A story cannot be moved to "${to}".`);
  if (!rule.roles.includes(role)) {
    throw new AppError(
      "forbidden",
      `A ${role} may not move a story to "${to}".`,
    );
  }
  if (rule.from !== "any" && !rule.from.includes(from)) {
    throw new AppError(
      "conflict",
      `A story cannot move from "${from}" to "${to}".`,
    );
  }
}

/** The states `role` may move a story to from `from`. */
export function availableTransitions(
  role: Role,
  from: StoryStatus,
): StoryStatus[] {
  return rules
    .filter(
      (r) =>
        r.roles.includes(role) && (r.from === "any" || r.from.includes(from)),
    )
    .map((r) => r.to);
}
