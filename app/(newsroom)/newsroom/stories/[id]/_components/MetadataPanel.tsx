"use client";

import { useEffect, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { slugForHeadline } from "@/lib/db/slug";
import {
  addByline,
  addTag,
  removeByline,
  removeTag,
  setDateline,
  setSection,
} from "@/lib/editor/meta";
import { Y_META } from "@/lib/editor/names";
import { readMeta, type StoryMeta } from "@/lib/editor/story-document";
import type { StoryDetails } from "@/lib/stories/details";

function useMeta(doc: Y.Doc): StoryMeta {
  const [meta, setMeta] = useState(() => readMeta(doc));
  useEffect(() => {
    const map = doc.getMap(Y_META);
    const update = () => setMeta(readMeta(doc));
    update();
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return meta;
}

interface MetadataPanelProps {
  doc: Y.Doc;
  story: StoryDetails;
  sections: string[];
  readOnly: boolean;
  headline: string;
}

/** Section, tags, bylines, dateline and web address: shared metadata, edited live by everyone. */
export function MetadataPanel({
  doc,
  story,
  sections,
  readOnly,
  headline,
}: MetadataPanelProps) {
  const meta = useMeta(doc);
  return (
    <section className="panel" aria-labelledby="meta-heading">
      <h2 id="meta-heading" className="panel-title">
        Story details
      </h2>

      <div className="panel-field">
        <label htmlFor="meta-section">Section</label>
        <select
          id="meta-section"
          className="input"
          value={meta.section ?? ""}
          disabled={readOnly}
          onChange={(e) => setSection(doc, e.target.value || null)}
        >
          <option value="">No section</option>
          {[
            ...new Set([...sections, ...(meta.section ? [meta.section] : [])]),
          ].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>

      <TagsField doc={doc} tags={meta.tags} readOnly={readOnly} />
      <BylinesField doc={doc} meta={meta} story={story} readOnly={readOnly} />
      <DatelineField doc={doc} dateline={meta.dateline} readOnly={readOnly} />
      <AddressField story={story} headline={headline} />
    </section>
  );
}

function TagsField({
  doc,
  tags,
  readOnly,
}: {
  doc: Y.Doc;
  tags: string[];
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState("");
  const commit = () => {
    for (const part of draft.split(",")) addTag(doc, part);
    setDraft("");
  };
  return (
    <div className="panel-field">
      <label htmlFor="meta-tag">Tags</label>
      {tags.length > 0 && (
        <ul className="chips" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} className="chip">
              {tag}
              {!readOnly && (
                <button
                  type="button"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => removeTag(doc, tag)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <input
          id="meta-tag"
          className="input"
          value={draft}
          placeholder="Add a tag and press Enter"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              commit();
            }
          }}
          onBlur={() => draft.trim() && commit()}
        />
      )}
    </div>
  );
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function BylinesField({
  doc,
  meta,
  story,
  readOnly,
}: {
  doc: Y.Doc;
  meta: StoryMeta;
  story: StoryDetails;
  readOnly: boolean;
}) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Give the byline a name.");
    if (email.trim() && !emailPattern.test(email.trim()))
      return setError("That e-mail address does not look right.");
    addByline(doc, { name, email });
    setName("");
    setEmail("");
    setError(null);
  }

  return (
    <div className="panel-field">
      <span className="panel-label" id="bylines-label">
        Bylines
      </span>
      {meta.bylines.length === 0 ? (
        <p className="panel-hint">
          Published under the authors:{" "}
          {story.authors.map((a) => `${a.name} (${a.email})`).join(", ")}.
        </p>
      ) : (
        <ul className="bylines" aria-labelledby="bylines-label">
          {meta.bylines.map((b, i) => (
            <li key={`${b.name}-${i}`}>
              <span>
                <strong>{b.name}</strong>
                {b.email && <span className="byline-email"> {b.email}</span>}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove byline ${b.name}`}
                  onClick={() => removeByline(doc, i)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form className="byline-form" onSubmit={add} aria-label="Add a byline">
          <input
            className="input"
            aria-label="Byline name"
            placeholder="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <input
            className="input"
            aria-label="Byline e-mail"
            placeholder="E-mail"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="button">
            Add byline
          </button>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

function DatelineField({
  doc,
  dateline,
  readOnly,
}: {
  doc: Y.Doc;
  dateline: string | null;
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  // Show colleagues' changes unless this person is typing in the field.
  const value = draft ?? dateline ?? "";
  const commit = () => {
    if (draft !== null && draft.trim() !== (dateline ?? ""))
      setDateline(doc, draft.trim());
    setDraft(null);
  };
  return (
    <div className="panel-field">
      <label htmlFor="meta-dateline">Dateline</label>
      <input
        id="meta-dateline"
        className="input"
        value={value}
        placeholder="SEOUL"
        disabled={readOnly}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
    </div>
  );
}

function AddressField({
  story,
  headline,
}: {
  story: StoryDetails;
  headline: string;
}) {
  const [slug, setSlug] = useState(story.slug);
  const [custom, setCustom] = useState(story.slugCustom);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(story.slug);
  const [error, setError] = useState<string | null>(null);
  const published = story.firstPublishedAt !== null;
  // Until the first publication the address follows the headline, unless an editor chose one.
  const shown =
    published || custom ? slug : slugForHeadline(headline, story.id);

  async function save(event: FormEvent) {
    event.preventDefault();
    const response = await fetch(`/api/stories/${story.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: draft }),
    });
    const body = (await response.json().catch(() => null)) as {
      slug?: string;
      slugCustom?: boolean;
      error?: { message?: string };
    } | null;
    if (!response.ok || !body?.slug) {
      setError(body?.error?.message ?? "The address could not be changed.");
      return;
    }
    setSlug(body.slug);
    setCustom(Boolean(body.slugCustom));
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
          : custom
            ? "Chosen by an editor."
            : "Follows the headline until the story is first published."}
      </p>
    </div>
  );
}
