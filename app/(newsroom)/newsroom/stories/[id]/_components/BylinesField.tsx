"use client";

import { useState, type FormEvent } from "react";
import type * as Y from "yjs";
import type { UserView } from "@/lib/db/presenters";
import { addByline, removeByline } from "@/lib/editor/meta";
import type { Byline, StoryMeta } from "@/lib/editor/story-document";
import type { StoryDetails } from "@/lib/stories/details";
import { StaffPicker } from "../../../_components/StaffPicker";
import "./BylinesField.css";

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The names the story is published under, with their e-mail addresses; the authors when none.
 * Bylines are picked from the staff list, or typed for someone outside the newsroom; the first
 * one added keeps the authors' own beside it.
 */
export function BylinesField({
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
  const authors = story.authors.map((a) => ({ name: a.name, email: a.email }));

  function add(byline: Byline): boolean {
    if (!addByline(doc, byline, authors)) {
      setError(`${byline.name} is a byline already.`);
      return false;
    }
    setError(null);
    return true;
  }

  function addOutside(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Give the byline a name.");
    if (email.trim() && !emailPattern.test(email.trim()))
      return setError("That e-mail address does not look right.");
    if (add({ name, email })) {
      setName("");
      setEmail("");
    }
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
                {b.email && <span className="byline-email">{b.email}</span>}
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
        <>
          <StaffPicker
            label="Add a byline"
            placeholder="Add a byline from the staff"
            onPick={(person: UserView) =>
              add({ name: person.name, email: person.email })
            }
          />
          <details className="byline-outside">
            <summary>Someone outside the newsroom</summary>
            <form
              className="byline-form"
              onSubmit={addOutside}
              aria-label="Add a byline from outside the newsroom"
            >
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
                placeholder="E-mail (optional)"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
              <button type="submit" className="button">
                Add byline
              </button>
            </form>
          </details>
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
