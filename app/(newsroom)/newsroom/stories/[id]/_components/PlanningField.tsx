"use client";

import { useState } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import { sendJson } from "@/app/_components/sendJson";
import { StaffPicker } from "../../../_components/StaffPicker";
import "./PlanningField.css";

/** An ISO time as a datetime-local input's value, in the browser's time zone. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The story's plan: who it is assigned to and when it is due (set by the desk), and how long it
 * should be (the desk and whoever may edit it). Saved through the API on each change.
 */
export function PlanningField({
  story,
  onChanged,
}: {
  story: StoryDetails;
  onChanged: (next: StoryDetails) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canPlan = story.permissions.plan;
  const canTarget = canPlan || story.permissions.edit;
  const [target, setTarget] = useState(
    story.targetWords ? String(story.targetWords) : "",
  );

  async function plan(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await sendJson<StoryDetails>(
          `/api/stories/${story.id}/plan`,
          "PATCH",
          body,
          "The plan could not be saved",
        ),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const saveTarget = () => {
    const words = target.trim() ? Number(target) : null;
    if (words === (story.targetWords ?? null)) return;
    void plan({ targetWords: words });
  };

  return (
    <div className="panel-field planning">
      <span className="panel-label" id="plan-assignee-label">
        Assigned to
      </span>
      <p className="planning-value" aria-labelledby="plan-assignee-label">
        {story.assignee?.name ?? <span className="nr-muted">Nobody</span>}
        {canPlan && story.assignee && (
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void plan({ assigneeId: null })}
          >
            Unassign
          </button>
        )}
      </p>
      {canPlan && (
        <StaffPicker
          label="Assign to"
          placeholder="Assign by name or e-mail"
          exclude={story.assignee ? [story.assignee.id] : []}
          disabled={busy}
          onPick={(person) => void plan({ assigneeId: person.id })}
        />
      )}

      <label htmlFor="plan-due">Due</label>
      <input
        id="plan-due"
        className="input"
        type="datetime-local"
        disabled={!canPlan || busy}
        value={localInput(story.dueAt)}
        onChange={(e) =>
          void plan({
            dueAt: e.target.value
              ? new Date(e.target.value).toISOString()
              : null,
          })
        }
      />

      <label htmlFor="plan-target">Target length (words)</label>
      <input
        id="plan-target"
        className="input"
        type="number"
        min={50}
        max={20000}
        step={50}
        inputMode="numeric"
        disabled={!canTarget || busy}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        onBlur={saveTarget}
        onKeyDown={(e) => e.key === "Enter" && saveTarget()}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
