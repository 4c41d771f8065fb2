"use client";

import { useState, type FormEvent } from "react";
import type { SaveState } from "@/lib/collab/save-tracker";
import type { StoryDetails } from "@/lib/stories/details";
import "./WorkflowActions.css";

type Transition = StoryDetails["permissions"]["transitions"][number];
type Dialog =
  | { kind: "note"; transition: Transition }
  | { kind: "schedule" }
  | { kind: "republish"; transition: Transition }
  | null;

interface Props {
  story: StoryDetails;
  save: SaveState;
  onChanged: (next: StoryDetails) => void;
}

/**
 * The moves the signed-in person may make on the story now (submit, return, approve, publish,
 * schedule, republish, unpublish…). Waits for pending edits to be saved before moving it, so the
 * version the desk sees is the one on screen.
 */
export function WorkflowActions({ story, save, onChanged }: Props) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const transitions = story.permissions.transitions;
  if (transitions.length === 0) return null;

  async function move(body: {
    to: string;
    note?: string;
    at?: string;
    correction?: string;
  }) {
    setPending(true);
    setError(null);
    const response = await fetch(`/api/stories/${story.id}/transitions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The state this person acted on: if a colleague moved the story meanwhile, nothing happens.
      body: JSON.stringify({ ...body, from: story.status }),
    });
    const result = (await response.json().catch(() => null)) as
      (StoryDetails & { error?: { message?: string } }) | null;
    setPending(false);
    if (!response.ok || !result || result.error) {
      setError(result?.error?.message ?? "The story could not be moved.");
      return;
    }
    setDialog(null);
    onChanged(result);
  }

  const waiting = save !== "saved";
  const primary = (t: Transition) =>
    ["submitted", "approved", "published"].includes(t.to) &&
    !(t.to === "submitted" && story.status === "published");
  const canSchedule =
    story.status === "approved" &&
    transitions.some((t) => t.to === "published");

  return (
    <div className="workflow">
      {transitions.map((t) => (
        <button
          key={`${t.to}-${t.label}`}
          type="button"
          className={`button${primary(t) ? " button-primary" : ""}`}
          disabled={pending || waiting}
          title={waiting ? "Waiting for your changes to be saved" : undefined}
          onClick={() => {
            if (t.requiresNote) setDialog({ kind: "note", transition: t });
            else if (t.to === "published" && story.status === "published")
              setDialog({ kind: "republish", transition: t });
            else void move({ to: t.to });
          }}
        >
          {t.label}
        </button>
      ))}
      {canSchedule && (
        <button
          type="button"
          className="button"
          disabled={pending || waiting}
          onClick={() => setDialog({ kind: "schedule" })}
        >
          Schedule…
        </button>
      )}
      {story.scheduledAt && (
        <span className="workflow-note">
          Goes live{" "}
          <time dateTime={story.scheduledAt}>
            {new Date(story.scheduledAt).toLocaleString("en-GB", {
              dateStyle: "medium",
              timeStyle: "short",
            })}
          </time>
        </span>
      )}
      {dialog && (
        <WorkflowDialog
          dialog={dialog}
          pending={pending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => void move(body)}
        />
      )}
      {error && !dialog && (
        <p className="alert alert-error workflow-error" role="alert">
          {error}
        </p>
      )}
      {error && dialog && (
        <p
          className="alert alert-error workflow-error workflow-error-dialog"
          role="alert"
        >
          {error}
        </p>
      )}
    </div>
  );
}

function WorkflowDialog({
  dialog,
  pending,
  onCancel,
  onSubmit,
}: {
  dialog: NonNullable<Dialog>;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (body: {
    to: string;
    note?: string;
    at?: string;
    correction?: string;
  }) => void;
}) {
  const [text, setText] = useState("");
  const [when, setWhen] = useState("");
  const title =
    dialog.kind === "schedule"
      ? "Schedule publication"
      : dialog.transition.label;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (dialog.kind === "note")
      onSubmit({ to: dialog.transition.to, note: text });
    else if (dialog.kind === "republish")
      onSubmit({ to: "published", correction: text || undefined });
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
        onSubmit={submit}
      >
        <h2 id="workflow-dialog-title">{title}</h2>
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
        {dialog.kind === "republish" && (
          <div className="field">
            <label htmlFor="workflow-correction">
              Correction note (optional, shown to readers)
            </label>
            <textarea
              id="workflow-correction"
              className="input textarea"
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={3}
              placeholder="An earlier version of this story misstated…"
              autoFocus
            />
          </div>
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
          >
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={pending}
          >
            {dialog.kind === "schedule" ? "Schedule" : dialog.transition.label}
          </button>
        </div>
      </form>
    </div>
  );
}
