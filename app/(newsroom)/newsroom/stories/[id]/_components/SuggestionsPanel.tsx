"use client";

import {
  applySuggestion,
  revertSuggestion,
} from "@handlewithcare/prosemirror-suggest-changes";
import type { Editor } from "@tiptap/react";
import { useEffect, useReducer } from "react";
import type * as Y from "yjs";
import { readThreads } from "@/lib/editor/comments";
import { Y_COMMENTS } from "@/lib/editor/names";
import {
  listSuggestions,
  mayDecide,
  type Decider,
  type SuggestionEntry,
} from "@/lib/editor/suggestions/list";
import { newsroomTimeBrief } from "@/lib/newsroom-time";
import { threadRange } from "./commentHighlights";
import type { StaffDirectory } from "./useStaff";
import "./SuggestionsPanel.css";

/** A field of the story that may hold suggestions, with its name as the panel says it. */
export type SuggestionField = readonly [label: string, editor: Editor | null];

/** Re-renders whenever one of `editors` changes its document, or a comment thread changes. */
function useDocumentChanges(
  editors: readonly (Editor | null)[],
  doc: Y.Doc | undefined,
): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const live = editors.filter((e): e is Editor => e !== null);
    for (const e of live) e.on("update", bump);
    const comments = doc?.getMap(Y_COMMENTS);
    comments?.observeDeep(bump);
    return () => {
      for (const e of live) e.off("update", bump);
      comments?.unobserveDeep(bump);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the editors, not the array
  }, [...editors, doc]);
}

/** Where a suggestion can be discussed: the body, where comment threads are anchored. */
export interface SuggestionDiscussion {
  editor: Editor;
  doc: Y.Doc;
  canComment: boolean;
  /** Starts a comment on `editor`'s selection. */
  onDiscuss: (editor: Editor) => void;
  onOpenThread: (id: string) => void;
}

/** The open threads whose text overlaps each of `open`'s suggestions in the discussed field. */
function threadsBySuggestion(
  discussion: SuggestionDiscussion | undefined,
  open: ReadonlyArray<{ s: SuggestionEntry; editor: Editor }>,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  if (!discussion) return found;
  const { editor, doc } = discussion;
  const ranges = readThreads(doc)
    .filter((t) => !t.resolved)
    .map((t) => ({
      id: t.id,
      range: threadRange(editor.state, doc, t.anchor, t.head),
    }));
  for (const { s, editor: field } of open) {
    if (field !== editor) continue;
    const ids = ranges
      .filter(({ range }) => range && range.from < s.to && range.to > s.from)
      .map(({ id }) => id);
    if (ids.length > 0) found.set(s.id, ids);
  }
  return found;
}

/** Accepts (true) or rejects (false) the suggestion `id` in `editor`. */
function decide(editor: Editor, id: string, accept: boolean): void {
  const command = accept ? applySuggestion(id) : revertSuggestion(id);
  command(editor.state, (tr) => editor.view.dispatch(tr));
}

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
  discussion,
}: {
  fields: readonly SuggestionField[];
  viewer: Decider;
  /** The text may be changed here now (not read-only, not viewing). */
  canChange: boolean;
  /** Accepting is allowed (not for an author in review: the desk decides then). */
  canAccept: boolean;
  staff: StaffDirectory;
  /** Suggestions in this field can be discussed in comment threads. */
  discussion?: SuggestionDiscussion;
}) {
  useDocumentChanges(
    fields.map(([, e]) => e),
    discussion?.doc,
  );
  const open = fields.flatMap(([label, editor]) =>
    editor
      ? listSuggestions(editor.state.doc).map((s) => ({ s, label, editor }))
      : [],
  );
  const threads = threadsBySuggestion(discussion, open);
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
            threads={threads.get(s.id) ?? []}
            onDiscuss={
              discussion?.canComment && editor === discussion.editor
                ? () => {
                    editor.commands.setTextSelection({
                      from: s.from,
                      to: s.to,
                    });
                    discussion.onDiscuss(editor);
                  }
                : null
            }
            onOpenThread={(id) => discussion?.onOpenThread(id)}
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
  threads,
  onDiscuss,
  onOpenThread,
}: {
  suggestion: SuggestionEntry;
  field: string;
  staff: StaffDirectory;
  decidable: boolean;
  canAccept: boolean;
  onDecide: (accept: boolean) => void;
  /** Open comment threads on its text. */
  threads: readonly string[];
  /** Starts a thread on it; null when it cannot be discussed here. */
  onDiscuss: (() => void) | null;
  onOpenThread: (id: string) => void;
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
        {field} ·{" "}
        <time dateTime={s.at.toISOString()}>{newsroomTimeBrief(s.at)}</time>
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
      {(threads.length > 0 || onDiscuss) && (
        <div className="suggestion-buttons">
          {threads.length > 0 && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => onOpenThread(threads[0]!)}
            >
              {threads.length === 1
                ? "Open its discussion"
                : `Open its discussions (${threads.length})`}
            </button>
          )}
          {onDiscuss && threads.length === 0 && (
            <button
              type="button"
              className="button button-ghost"
              onClick={onDiscuss}
            >
              Discuss
            </button>
          )}
        </div>
      )}
    </li>
  );
}
