"use client";

import { useState, type FormEvent } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import {
  SEARCH_SOCIAL_LIMITS,
  type SearchSocial,
} from "@/lib/stories/search-social";
import "./SearchSocialField.css";

const fields: ReadonlyArray<{
  key: keyof SearchSocial;
  label: string;
  multiline: boolean;
  /** What stands in when it is empty. */
  fallback: (headline: string) => string;
}> = [
  {
    key: "seoTitle",
    label: "SEO title",
    multiline: false,
    fallback: (headline) => headline || "The headline",
  },
  {
    key: "socialHeadline",
    label: "Social headline",
    multiline: false,
    fallback: (headline) => headline || "The headline",
  },
  {
    key: "socialDescription",
    label: "Social description",
    multiline: true,
    fallback: () => "The deck, or the start of the text",
  },
];

type Drafts = Record<keyof SearchSocial, string>;

function draftsOf(story: StoryDetails): Drafts {
  const s = story.searchSocial;
  return {
    seoTitle: s.seoTitle ?? "",
    socialHeadline: s.socialHeadline ?? "",
    socialDescription: s.socialDescription ?? "",
  };
}

/**
 * What search results and shared links show of the story, when the desk wants something else
 * than the headline and deck (`PATCH /api/stories/:id`). Empty fields fall back to them. Others
 * see the values, not the controls.
 */
export function SearchSocialField({
  story,
  headline,
  onChanged,
}: {
  story: StoryDetails;
  headline: string;
  onChanged: (next: StoryDetails) => void;
}) {
  const [drafts, setDrafts] = useState<Drafts | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{
    error: boolean;
    text: string;
  } | null>(null);
  const canEdit = story.permissions.editSearchSocial;
  // Colleagues' saves show until this person starts typing.
  const values = drafts ?? draftsOf(story);

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const response = await fetch(`/api/stories/${story.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(values),
    });
    const body = (await response.json().catch(() => null)) as
      (StoryDetails & { error?: { message?: string } }) | null;
    setPending(false);
    if (!response.ok || !body || body.error) {
      setMessage({
        error: true,
        text: body?.error?.message ?? "The texts could not be saved.",
      });
      return;
    }
    onChanged(body);
    setDrafts(null);
    setMessage({
      error: false,
      text: body.liveUrl
        ? "Saved. Readers see them once the story is republished."
        : "Saved.",
    });
  }

  return (
    <form
      className="panel-field search-social"
      aria-labelledby="search-social-title"
      onSubmit={save}
    >
      <h3 id="search-social-title" className="panel-label">
        Search and social
      </h3>
      {fields.map((f) => {
        const id = `search-social-${f.key}`;
        const max = SEARCH_SOCIAL_LIMITS[f.key];
        const value = values[f.key];
        const common = {
          id,
          className: "input",
          value,
          maxLength: max,
          disabled: !canEdit || pending,
          placeholder: f.fallback(headline),
          "aria-describedby": `${id}-count`,
          onChange: (
            e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>,
          ) => setDrafts({ ...values, [f.key]: e.target.value }),
        };
        return (
          <div key={f.key} className="search-social-field">
            <label htmlFor={id}>{f.label}</label>
            {f.multiline ? (
              <textarea {...common} rows={3} />
            ) : (
              <input {...common} />
            )}
            <span id={`${id}-count`} className="search-social-count">
              {value.length}/{max}
            </span>
          </div>
        );
      })}
      <p className="panel-hint">
        Empty fields use the headline and deck.{" "}
        {canEdit
          ? "They go live when the story is next published."
          : "Editors set these."}
      </p>
      {canEdit && (
        <p className="search-social-actions">
          <button
            type="submit"
            className="button"
            disabled={pending || drafts === null}
          >
            Save search and social
          </button>
        </p>
      )}
      {message && (
        <p
          className={message.error ? "field-error" : "panel-hint"}
          role={message.error ? "alert" : "status"}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
