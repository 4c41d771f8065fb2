"use client";

import {
  applySuggestion,
  revertSuggestion,
} from "@handlewithcare/prosemirror-suggest-changes";
import type { Editor } from "@tiptap/react";
import { useEffect, useReducer } from "react";
import {
  listSuggestions,
  mayDecide,
  type Decider,
  type SuggestionEntry,
} from "@/lib/editor/suggestions/list";
import type { StaffDirectory } from "./useStaff";
import "./SuggestionsPanel.css";

/** A field of the story that may hold suggestions, with its name as the panel says it. */
export type SuggestionField = readonly [label: string, editor: Editor | null];

/** Re-renders whenever one of `editors` changes its document. */
function useDocumentChanges(editors: readonly (Editor | null)[]): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const live = editors.filter((e): e is Editor => e !== null);
    for (const e of live) e.on("update", bump);
    return () => {
      for (const e of live) e.off("update", bump);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the editors, not the array
  }, editors);
}

/** Accepts (true) or rejects (false) the suggestion `id` in `editor`. */
function decide(editor: Editor, id: string, accept: boolean): void {
  const command = accept ? applySuggestion(id) : revertSuggestion(id);
  command(editor.state, (tr) => editor.view.dispatch(tr));
}

const time = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

function quoted(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return `“${t.length > 80 ? `${t.slice(0, 80)}…` : t}”`;
}

/** What a suggestion does, in words: adds, removes or replaces. */
export function describeSuggestion(s: SuggestionEntry): string {
  if (s.inserted && s.deleted)
    return `replace ${quoted(s.deleted)} with ${quoted(s.inserted)}`;
  if (s.inserted) return `add ${quoted(s.inserted)}`;
  return `remove ${quoted(s.deleted)}`;
}

/**
 * The open suggestions of the headline, deck, captions and body: who made each, when, and what it
 * does, with Accept and Reject for those `viewer` may decide on, and all of one person's at once.
 */
export function SuggestionsPanel({
  fields,
  viewer,
  canChange,
  canAccept,
  staff,
}: {
  fields: readonly SuggestionField[];
  viewer: Decider;
  /** The text may be changed here now (not read-only, not viewing). */
  canChange: boolean;
  /** Accepting is allowed (not for an author in review: the desk decides then). */
  canAccept: boolean;
  staff: StaffDirectory;
}) {
  useDocumentChanges(fields.map(([, e]) => e));
  const open = fields.flatMap(([label, editor]) =>
    editor
      ? listSuggestions(editor.state.doc).map((s) => ({ s, label, editor }))
      : [],
  );
  const decidable = (s: SuggestionEntry) =>
    canChange && mayDecide(viewer, s.userId, staff.isDesk(s.userId));

  if (open.length === 0)
    return (
      <section className="panel" aria-label="Suggestions">
        <h2 className="panel-title">Suggestions</h2>
        <p className="panel-hint">No open suggestions.</p>
      </section>
    );

  const people = [...new Set(open.map(({ s }) => s.userId))];
  const decideAll = (userId: string, accept: boolean) => {
    for (const { s, editor } of open)
      if (s.userId === userId) decide(editor, s.id, accept);
  };

  return (
    <section className="panel suggestions" aria-label="Suggestions">
      <h2 className="panel-title">Suggestions</h2>
      <ul className="suggestion-people" aria-label="Suggestions by person">
        {people.map((userId) => {
          const mine = open.filter(({ s }) => s.userId === userId);
          const name = staff.name(userId);
          return (
            <li key={userId} className="suggestion-person">
              <span>
                {name}: {mine.length}
              </span>
              {mine.some(({ s }) => decidable(s)) && (
                <span className="suggestion-buttons">
                  {canAccept && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => decideAll(userId, true)}
                    >
                      Accept all by {name}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-ghost"
                    onClick={() => decideAll(userId, false)}
                  >
                    Reject all by {name}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <ul className="suggestion-list" aria-label="Open suggestions">
        {open.map(({ s, label, editor }) => (
          <SuggestionItem
            key={`${label}:${s.id}`}
            suggestion={s}
            field={s.inCaption ? "Photo caption" : label}
            staff={staff}
            decidable={decidable(s)}
            canAccept={canAccept}
            onDecide={(accept) => decide(editor, s.id, accept)}
          />
        ))}
      </ul>
    </section>
  );
}

function SuggestionItem({
  suggestion: s,
  field,
  staff,
  decidable,
  canAccept,
  onDecide,
}: {
  suggestion: SuggestionEntry;
  field: string;
  staff: StaffDirectory;
  decidable: boolean;
  canAccept: boolean;
  onDecide: (accept: boolean) => void;
}) {
  const name = staff.name(s.userId);
  return (
    <li
      className="suggestion-item"
      aria-label={`${name}: ${describeSuggestion(s)}`}
    >
      <p className="suggestion-what">
        <span
          className="suggestion-swatch"
          style={{ background: staff.color(s.userId) }}
          aria-hidden="true"
        />
        <strong>{name}</strong> suggests to {describeSuggestion(s)}
      </p>
      <p className="suggestion-meta">
        {field} · <time dateTime={s.at.toISOString()}>{time.format(s.at)}</time>
      </p>
      {decidable && (
        <div className="suggestion-buttons">
          {canAccept && (
            <button
              type="button"
              className="button"
              onClick={() => onDecide(true)}
            >
              Accept
            </button>
          )}
          <button
            type="button"
            className="button button-ghost"
            onClick={() => onDecide(false)}
          >
            Reject
          </button>
        </div>
      )}
    </li>
  );
}
