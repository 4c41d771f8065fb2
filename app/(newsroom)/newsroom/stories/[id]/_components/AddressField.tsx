"use client";

import { useState, type FormEvent } from "react";
import { slugForHeadline } from "@/lib/db/slug";
import type { StoryDetails } from "@/lib/stories/details";
import "./AddressField.css";

/**
 * The story's web address: it follows the headline until first publication, unless an editor
 * chooses one (`PATCH /api/stories/:id`).
 */
export function AddressField({
  story,
  headline,
  onChanged,
}: {
  story: StoryDetails;
  headline: string;
  /** The address was changed here: the story's new details. */
  onChanged: (next: StoryDetails) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(story.slug);
  const [error, setError] = useState<string | null>(null);
  // Read from the story's details on every render (never kept here), so a publication or a
  // colleague's change shows as soon as the details are refreshed.
  const published = story.firstPublishedAt !== null;
  // Until the first publication the address follows the headline, unless an editor chose one.
  const shown =
    published || story.slugCustom
      ? story.slug
      : slugForHeadline(headline, story.id);

  async function save(event: FormEvent) {
    event.preventDefault();
    const response = await fetch(`/api/stories/${story.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: draft }),
    });
    const body = (await response.json().catch(() => null)) as
      (StoryDetails & { error?: { message?: string } }) | null;
    if (!response.ok || !body?.slug || body.error) {
      setError(body?.error?.message ?? "The address could not be changed.");
      return;
    }
    onChanged(body);
    setEditing(false);
    setError(null);
  }

  return (
    <div className="panel-field">
      <span className="panel-label">Web address</span>
      {editing ? (
        <form className="slug-form" onSubmit={save} aria-label="Web address">
          <span className="slug-prefix">/news/</span>
          <input
            className="input"
            aria-label="Slug"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            autoFocus
          />
          <button type="submit" className="button">
            Save
          </button>
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setEditing(false)}
          >
            Cancel
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      ) : (
        <p className="slug-line">
          <code>/news/{shown}</code>
          {story.permissions.changeSlug && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setDraft(shown);
                setEditing(true);
              }}
            >
              Change
            </button>
          )}
        </p>
      )}
      <p className="panel-hint">
        {published
          ? "Published: if an editor changes it, the old address redirects to the new one."
          : story.slugCustom
            ? "Chosen by an editor."
            : "Follows the headline until the story is first published."}
      </p>
    </div>
  );
}
