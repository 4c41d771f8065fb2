"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import {
  CORRECTION_MAX_LENGTH,
  correctionKinds,
  correctionLabels,
  type CorrectionKind,
} from "@/lib/workflow/corrections";

type Transition = StoryDetails["permissions"]["transitions"][number];

/** What a workflow dialog asks before a move. */
export type WorkflowDialogKind =
  | { kind: "note"; transition: Transition }
  | { kind: "schedule" }
  /** Publish, publish again, republish or unpublish: named, with the address it concerns. */
  | { kind: "confirm"; transition: Transition; headline: string; path: string };

export interface MoveBody {
  to: string;
  note?: string;
  at?: string;
  correction?: string;
  correctionKind?: CorrectionKind;
}

function confirmText(
  dialog: Extract<WorkflowDialogKind, { kind: "confirm" }>,
  republish: boolean,
): { title: string; lede: ReactNode } {
  const name = `“${dialog.headline || "Untitled story"}”`;
  const address = <code className="dialog-address">{dialog.path}</code>;
  if (dialog.transition.to === "unpublished")
    return {
      title: `Unpublish ${name}?`,
      lede: (
        <>
          It comes off the site: readers at {address} are told it was removed,
          until it is published again.
        </>
      ),
    };
  if (republish)
    return {
      title: `Republish ${name}?`,
      lede: <>The live page at {address} will show the story as it is now.</>,
    };
  return {
    title: `${dialog.transition.label} ${name}?`,
    lede: <>Every reader will find it at {address}.</>,
  };
}

/**
 * The dialog a move asks through: the note of a return, the time of a schedule, or, before
 * publishing or unpublishing, a confirmation naming the story and its address.
 */
export function WorkflowDialog({
  dialog,
  storyStatus,
  seenByReaders,
  pending,
  onCancel,
  onSubmit,
}: {
  dialog: NonNullable<WorkflowDialogKind>;
  storyStatus: StoryDetails["status"];
  /** The story was published before: a publication may carry a correction or clarification. */
  seenByReaders: boolean;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (body: MoveBody) => void;
}) {
  const [text, setText] = useState("");
  const [when, setWhen] = useState("");
  const [kind, setKind] = useState<CorrectionKind>("correction");
  const republish =
    dialog.kind === "confirm" &&
    dialog.transition.to === "published" &&
    storyStatus === "published";
  const confirm =
    dialog.kind === "confirm" ? confirmText(dialog, republish) : null;
  const withNote =
    dialog.kind === "confirm" &&
    dialog.transition.to === "published" &&
    seenByReaders;
  const title =
    confirm?.title ??
    (dialog.kind === "schedule"
      ? "Schedule publication"
      : dialog.transition.label);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (dialog.kind === "note")
      onSubmit({ to: dialog.transition.to, note: text });
    else if (dialog.kind === "confirm")
      onSubmit({
        to: dialog.transition.to,
        ...(withNote && text.trim()
          ? { correction: text, correctionKind: kind }
          : {}),
      });
    else onSubmit({ to: "published", at: new Date(when).toISOString() });
  }

  return (
    <div
      className="dialog-backdrop"
      role="presentation"
      onMouseDown={(e) => e.target === e.currentTarget && onCancel()}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="workflow-dialog-title"
        aria-describedby={confirm ? "workflow-dialog-lede" : undefined}
        onSubmit={submit}
        onKeyDown={(e) => e.key === "Escape" && onCancel()}
      >
        <h2 id="workflow-dialog-title">{title}</h2>
        {confirm && (
          <p id="workflow-dialog-lede" className="dialog-lede">
            {confirm.lede}
          </p>
        )}
        {dialog.kind === "note" && (
          <div className="field">
            <label htmlFor="workflow-note">What needs to change?</label>
            <textarea
              id="workflow-note"
              className="input textarea"
              value={text}
              onChange={(e) => setText(e.target.value)}
              required
              autoFocus
              rows={4}
            />
          </div>
        )}
        {withNote && (
          <fieldset className="field dialog-choice">
            <legend>Note to readers (optional)</legend>
            <div className="dialog-choice-options">
              {correctionKinds.map((k) => (
                <label key={k} className="dialog-choice-option">
                  <input
                    type="radio"
                    name="correction-kind"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                  />
                  {correctionLabels[k]}
                </label>
              ))}
            </div>
            <label htmlFor="workflow-correction" className="dialog-choice-text">
              {correctionLabels[kind]} shown at the foot of the article
            </label>
            <textarea
              id="workflow-correction"
              className="input textarea"
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={3}
              maxLength={CORRECTION_MAX_LENGTH}
              placeholder={
                kind === "correction"
                  ? "An earlier version of this story misstated…"
                  : "This story has been updated to make clear that…"
              }
              autoFocus
            />
            <p className="panel-hint">
              Earlier corrections and clarifications stay. Leave it empty to
              republish without a note.
            </p>
          </fieldset>
        )}
        {dialog.kind === "schedule" && (
          <div className="field">
            <label htmlFor="workflow-when">Publish at</label>
            <input
              id="workflow-when"
              className="input"
              type="datetime-local"
              step={1}
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              required
              autoFocus
            />
          </div>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-ghost"
            onClick={onCancel}
            autoFocus={dialog.kind === "confirm" && !withNote}
          >
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${
              dialog.kind === "confirm" &&
              dialog.transition.to === "unpublished"
                ? "button-danger"
                : "button-primary"
            }`}
            disabled={pending}
          >
            {dialog.kind === "schedule" ? "Schedule" : dialog.transition.label}
          </button>
        </div>
      </form>
    </div>
  );
}
