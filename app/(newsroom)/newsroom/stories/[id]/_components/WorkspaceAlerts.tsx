"use client";

import type { StoryDetails } from "@/lib/stories/details";
import "./WorkspaceAlerts.css";

/** The note of the desk's last return, while the story is still the draft it sent back. */
function returnNote(story: StoryDetails): { by: string; note: string } | null {
  const last = [...story.history]
    .reverse()
    .find((e) => e.kind === "transition" || e.kind === "published");
  if (
    story.status !== "draft" ||
    !last ||
    last.from !== "submitted" ||
    last.to !== "draft" ||
    !last.note
  )
    return null;
  return { by: last.actor?.name ?? "The desk", note: last.note };
}

function suggestOnlyReason(story: StoryDetails): string {
  return story.status === "approved"
    ? "Approved: you can suggest changes and comment; editors decide on them."
    : "Submitted for review: you can suggest changes and comment; editors decide on them until the story is returned.";
}

function readOnlyReason(story: StoryDetails): string {
  const isAuthor = story.permissions.manageAuthors;
  if (
    isAuthor &&
    (story.status === "submitted" || story.status === "approved")
  ) {
    return story.status === "submitted"
      ? "Submitted for review: only editors can change the story until it is returned or approved."
      : "Approved: only editors can change the story now.";
  }
  return "You can read this story; only its authors and editors can change it.";
}

/**
 * Why this person may only read the story: shown inside the sticky head, so it stays in view
 * however far the story is scrolled.
 */
export function ReadOnlyNotice({
  story,
  suggestOnly = false,
}: {
  story: StoryDetails;
  /** May still suggest and comment (an author in review). */
  suggestOnly?: boolean;
}) {
  return (
    <p
      className="workspace-readonly"
      role="note"
      aria-label={suggestOnly ? "Suggestions only" : "Read only"}
    >
      {suggestOnly ? suggestOnlyReason(story) : readOnlyReason(story)}
    </p>
  );
}

/** Notices under the bar: why the session failed or was refused, and the desk's note on a returned story. */
export function WorkspaceAlerts({
  story,
  problem,
}: {
  story: StoryDetails;
  problem: string | null;
}) {
  const returned = returnNote(story);
  return (
    <>
      {problem && (
        <p className="alert alert-error workspace-problem" role="alert">
          {problem}
        </p>
      )}
      {returned && (
        <p
          className="alert alert-warn workspace-problem"
          role="note"
          aria-label="Returned by the desk"
        >
          <strong>Returned by {returned.by}:</strong> {returned.note}
        </p>
      )}
    </>
  );
}

/** Errors from inserting photos, the last three, each dismissable. */
export function ErrorToasts({
  errors,
  onDismiss,
}: {
  errors: string[];
  onDismiss: (index: number) => void;
}) {
  if (errors.length === 0) return null;
  return (
    <div className="toast-stack" role="alert">
      {errors.map((message, i) => (
        <p key={`${i}-${message}`} className="alert alert-error toast">
          {message}
          <button
            type="button"
            className="link-button"
            onClick={() => onDismiss(i)}
          >
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
