"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useState } from "react";
import type * as Y from "yjs";
import type { CommentAuthor } from "@/lib/editor/comments";
import type { StoryDetails } from "@/lib/stories/details";
import { selectionAnchor } from "./commentHighlights";
import { CommentsPanel, type CommentTarget } from "./CommentsPanel";
import { DocumentStats } from "./Counters";
import { HistoryPanel } from "./HistoryPanel";
import { MetadataPanel } from "./MetadataPanel";
import { SuggestionsPanel, type SuggestionField } from "./SuggestionsPanel";
import type { StaffDirectory } from "./useStaff";
import "./SidePanels.css";

type Tab = "details" | "comments" | "suggestions" | "history";

const tabs: ReadonlyArray<[Tab, string]> = [
  ["details", "Details"],
  ["comments", "Comments"],
  ["suggestions", "Suggestions"],
  ["history", "History"],
];

/** The tab a key moves to from `current` (arrows wrap around, Home and End), or null. */
function tabAfterKey(current: Tab, key: string): Tab | null {
  const at = tabs.findIndex(([t]) => t === current);
  const index =
    key === "ArrowRight"
      ? (at + 1) % tabs.length
      : key === "ArrowLeft"
        ? (at - 1 + tabs.length) % tabs.length
        : key === "Home"
          ? 0
          : key === "End"
            ? tabs.length - 1
            : null;
  return index === null ? null : tabs[index]![0];
}

/** Which side panel is open, and the comment being looked at or written. */
export interface SidePanelsState {
  tab: Tab;
  setTab: (tab: Tab) => void;
  activeThread: string | null;
  /** Marks a thread as the one looked at, and shows the comments when there is one. */
  activateThread: (id: string | null) => void;
  commentTarget: CommentTarget | null;
  setCommentTarget: (target: CommentTarget | null) => void;
  /** Takes an editor's selection as the range of a new comment thread; false if none. */
  commentOnSelection: (editor: Editor) => boolean;
}

/** The side panels' state; its functions are stable, so the story's editors may keep them. */
export function useSidePanels(): SidePanelsState {
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("details");
  const [commentTarget, setCommentTarget] = useState<CommentTarget | null>(
    null,
  );
  const activateThread = useCallback((id: string | null) => {
    setActiveThread(id);
    if (id) setTab("comments");
  }, []);
  const commentOnSelection = useCallback((editor: Editor): boolean => {
    const target = selectionAnchor(editor.state);
    setTab("comments");
    setCommentTarget(target);
    return target !== null;
  }, []);
  return {
    tab,
    setTab,
    activeThread,
    activateThread,
    commentTarget,
    setCommentTarget,
    commentOnSelection,
  };
}

/**
 * Beside the story: its length, and one of three panels chosen by tab — details (metadata),
 * comments, and history (versions and the record).
 */
export function SidePanels({
  state,
  doc,
  body,
  suggestionFields,
  canChangeText,
  staff,
  story,
  sections,
  readOnly,
  suggestOnly,
  headline,
  author,
  onStoryChanged,
}: {
  state: SidePanelsState;
  doc: Y.Doc;
  /** The body's editor, null until Tiptap has made it. */
  body: Editor | null;
  /** The fields whose suggestions the suggestions panel lists. */
  suggestionFields: readonly SuggestionField[];
  /** The text may be changed here now (so suggestions may be decided on). */
  canChangeText: boolean;
  staff: StaffDirectory;
  story: StoryDetails;
  sections: string[];
  readOnly: boolean;
  /** Changes only by suggesting and commenting (an author in review). */
  suggestOnly: boolean;
  /** The headline's text, which the web address follows. */
  headline: string;
  author: CommentAuthor;
  /** Something here changed the story's details (its address): the new ones. */
  onStoryChanged: (next: StoryDetails) => void;
}) {
  const { tab, setTab } = state;
  return (
    <aside
      className="workspace-side"
      aria-label="Story details, comments, suggestions and history"
    >
      {body && (
        <section className="panel panel-stats">
          <DocumentStats editor={body} target={story.targetWords} />
        </section>
      )}
      <div
        className="side-tabs"
        role="tablist"
        aria-label="Side panel"
        onKeyDown={(e) => {
          const next = tabAfterKey(tab, e.key);
          if (!next) return;
          e.preventDefault();
          setTab(next);
          document.getElementById(`tab-${next}`)?.focus();
        }}
      >
        {tabs.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`panel-${t}`}
            // One stop for Tab; the arrow keys move between tabs (WAI-ARIA tabs pattern).
            tabIndex={tab === t ? 0 : -1}
            className="side-tab"
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${tab}`}
        aria-labelledby={`tab-${tab}`}
        className="side-panel"
      >
        {tab === "details" && (
          <MetadataPanel
            doc={doc}
            story={story}
            sections={sections}
            readOnly={readOnly || suggestOnly}
            headline={headline}
            onStoryChanged={onStoryChanged}
          />
        )}
        {tab === "comments" && body && (
          <CommentsPanel
            storyId={story.id}
            doc={doc}
            editor={body}
            author={author}
            canComment={!readOnly}
            active={state.activeThread}
            setActive={state.activateThread}
            target={state.commentTarget}
            setTarget={state.setCommentTarget}
            startFromSelection={() => state.commentOnSelection(body)}
          />
        )}
        {tab === "suggestions" && (
          <SuggestionsPanel
            fields={suggestionFields}
            viewer={{
              id: author.id,
              desk: story.permissions.decideAllSuggestions,
              author: story.authors.some((a) => a.id === author.id),
            }}
            canChange={canChangeText}
            canAccept={!suggestOnly}
            staff={staff}
            discussion={
              body
                ? {
                    editor: body,
                    doc,
                    canComment: !readOnly,
                    onDiscuss: (editor) =>
                      void state.commentOnSelection(editor),
                    onOpenThread: state.activateThread,
                  }
                : undefined
            }
          />
        )}
        {tab === "history" && (
          <HistoryPanel story={story} canSave={!readOnly && !suggestOnly} />
        )}
      </div>
    </aside>
  );
}
