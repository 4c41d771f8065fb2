"use client";

import { useState, type FormEvent } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import { newsroomTime } from "@/lib/newsroom-time";

/**
 * The story's embargo: until it passes nothing of the story is public and it cannot be
 * published. The desk sets and lifts it (`PATCH /api/stories/:id {embargoUntil}`); others see it.
 */
export function EmbargoField({
  story,
  onChanged,
}: {
  story: StoryDetails;
  onChanged: (next: StoryDetails) => void;
}) {
  const [until, setUntil] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const canSet = story.permissions.publish;

  async function send(embargoUntil: string | null) {
    setPending(true);
    setError(null);
    const response = await fetch(`/api/stories/${story.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ embargoUntil }),
    });
    const body = (await response.json().catch(() => null)) as
      (StoryDetails & { error?: { message?: string } }) | null;
    setPending(false);
    if (!response.ok || !body || body.error) {
      setError(body?.error?.message ?? "The embargo could not be changed.");
      return;
    }
    setUntil("");
    onChanged(body);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(new Date(until).toISOString());
  }

  return (
    <div className="panel-field">
      <span className="panel-label" id="embargo-label">
        Embargo
      </span>
      {story.embargoUntil ? (
        <p className="embargo-line">
          <span className="embargo-until">
            Embargoed until{" "}
            <time dateTime={story.embargoUntil}>
              {newsroomTime(story.embargoUntil)}
            </time>
          </span>
          {canSet && (
            <button
              type="button"
              className="link-button"
              disabled={pending}
              onClick={() => void send(null)}
            >
              Lift embargo
            </button>
          )}
        </p>
      ) : canSet ? (
        <form
          className="slug-form"
          aria-labelledby="embargo-label"
          onSubmit={submit}
        >
          <input
            className="input"
            type="datetime-local"
            aria-label="Embargo until"
            value={until}
            required
            onChange={(e) => setUntil(e.target.value)}
          />
          <button type="submit" className="button" disabled={pending}>
            Set embargo
          </button>
        </form>
      ) : (
        <p className="panel-hint">None.</p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <p className="panel-hint">
        Until it passes, nothing of the story is public and it cannot be
        published; a schedule may not fall before it.
      </p>
    </div>
  );
}
