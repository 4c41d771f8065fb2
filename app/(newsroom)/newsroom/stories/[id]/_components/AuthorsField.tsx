"use client";

import { useState } from "react";
import type { UserView } from "@/lib/db/presenters";
import type { StoryDetails } from "@/lib/stories/details";
import { sendJson } from "@/app/_components/sendJson";
import { StaffPicker } from "../../../_components/StaffPicker";
import "./AuthorsField.css";

/**
 * The story's authors, who may edit it: its authors and the desk add reporters from the staff
 * list and remove them (the server decides; a story keeps one author at least).
 */
export function AuthorsField({
  story,
  onChanged,
}: {
  story: StoryDetails;
  onChanged: (next: StoryDetails) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canManage = story.permissions.manageAuthors;

  async function change(request: Promise<StoryDetails>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      onChanged(await request);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const add = (person: UserView) =>
    change(
      sendJson(
        `/api/stories/${story.id}/authors`,
        "POST",
        { email: person.email },
        `${person.name} could not be added`,
      ),
    );
  const remove = (person: UserView) =>
    change(
      sendJson(
        `/api/stories/${story.id}/authors/${person.id}`,
        "DELETE",
        undefined,
        `${person.name} could not be removed`,
      ),
    );

  return (
    <div className="panel-field">
      <span className="panel-label" id="authors-label">
        Authors
      </span>
      <ul className="authors" aria-labelledby="authors-label">
        {story.authors.map((a) => (
          <li key={a.id}>
            <span>
              <strong>{a.name}</strong>
              <span className="author-email">{a.email}</span>
            </span>
            {canManage && story.authors.length > 1 && (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove co-author ${a.name}`}
                disabled={busy}
                onClick={() => void remove(a)}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <>
          <StaffPicker
            label="Add a co-author"
            placeholder="Add a reporter by name or e-mail"
            role="reporter"
            exclude={story.authors.map((a) => a.id)}
            disabled={busy}
            onPick={(person) => void add(person)}
          />
          <p className="panel-hint">
            Co-authors can edit the story; editors can edit every story.
          </p>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
