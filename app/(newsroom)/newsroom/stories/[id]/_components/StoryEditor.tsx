"use client";

import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import {
  EditorContent,
  ReactNodeViewRenderer,
  useEditor,
  useEditorState,
  type Editor,
} from "@tiptap/react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { bodyExtensions, singleLineExtensions } from "@/lib/editor/extensions";
import {
  DECK_RECOMMENDED_MAX,
  HEADLINE_RECOMMENDED_MAX,
} from "@/lib/editor/fields";
import { Figure } from "@/lib/editor/figure";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "@/lib/editor/names";
import { cleanPastedHtml } from "@/lib/editor/paste";
import type { StoryDetails } from "@/lib/stories/details";
import { StatusBadge } from "../../../_components/StatusBadge";
import { CommentHighlights, selectionAnchor } from "./commentHighlights";
import { CommentsPanel, type CommentTarget } from "./CommentsPanel";
import { CharacterCount, DocumentStats } from "./Counters";
import { FigureView } from "./FigureView";
import { flushDomInput } from "./flushDomInput";
import { HistoryPanel } from "./HistoryPanel";
import { imageFiles, insertImage } from "./imageInsertion";
import { MetadataPanel } from "./MetadataPanel";
import { Presence } from "./Presence";
import { SaveStatus } from "./SaveStatus";
import { Toolbar } from "./Toolbar";
import { UploadPlaceholder } from "./uploadPlaceholder";
import { useCollabSession, type CollabHandle } from "./useCollabSession";
import { useOfflineSupport } from "./useOfflineSupport";
import { useStoryDetails } from "./useStoryDetails";
import { WorkflowActions } from "./WorkflowActions";

/** The figure node with its interactive view; same schema as the server's. */
const EditableFigure = Figure.extend({
  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
});

const parseHtml = (html: string) =>
  new DOMParser().parseFromString(html, "text/html");

/** The note of the desk's last return, while the story is still the draft it sent back. */
function returnNote(story: StoryDetails): { by: string; note: string } | null {
  const last = [...story.history]
    .reverse()
    .find((e) => e.kind === "transition" || e.kind === "published");
  if (
    story.status !== "draft" ||
    !last ||
    last.from !== "submitted" ||
    last.to !== "draft" ||
    !last.note
  )
    return null;
  return { by: last.actor?.name ?? "The desk", note: last.note };
}

function readOnlyReason(story: StoryDetails): string {
  const isAuthor = story.permissions.manageAuthors;
  if (
    isAuthor &&
    (story.status === "submitted" || story.status === "approved")
  ) {
    return story.status === "submitted"
      ? "Submitted for review: only editors can change the story until it is returned or approved."
      : "Approved: only editors can change the story now.";
  }
  return "You can read this story; only its authors and editors can change it.";
}

/** The story workspace: headline, deck and body edited together live, with details, comments and history beside them. */
export function StoryEditor({
  story: initial,
  sections,
}: {
  story: StoryDetails;
  sections: string[];
}) {
  const { story, replace, refresh } = useStoryDetails(initial);
  const { handle, connection, save, kept, problem, reconnect, serverReadOnly } =
    useCollabSession(story.id);
  useOfflineSupport();
  // The server decides what the socket may do; the story's details say why.
  const readOnly = !story.permissions.edit || serverReadOnly;

  // The server announced an access change (the story was submitted, returned…): show it now.
  useEffect(() => {
    void refresh();
  }, [serverReadOnly, refresh]);

  // Allowed to edit again, but the socket was opened read-only (its token says so): reconnect
  // with a fresh token.
  const editable = story.permissions.edit;
  useEffect(() => {
    if (editable && serverReadOnly && handle) reconnect();
  }, [editable, serverReadOnly, handle, reconnect]);

  return (
    <div className="workspace">
      <div className="workspace-bar">
        <Link href="/newsroom" className="button button-ghost">
          ← Stories
        </Link>
        <StatusBadge status={story.status} />
        <SaveStatus
          connection={connection}
          save={save}
          kept={kept}
          readOnly={readOnly}
        />
        <div className="workspace-actions">
          {handle && (
            <Presence provider={handle.provider} selfId={handle.user.id} />
          )}
          {story.liveUrl && (
            <a
              className="button"
              href={story.liveUrl}
              target="_blank"
              rel="noreferrer"
            >
              View live
            </a>
          )}
          <WorkflowActions
            story={story}
            save={readOnly ? "saved" : save}
            onChanged={replace}
          />
        </div>
      </div>
      {problem && (
        <p className="alert alert-error workspace-problem" role="alert">
          {problem}
        </p>
      )}
      {returnNote(story) && (
        <p
          className="alert alert-warn workspace-problem"
          role="note"
          aria-label="Returned by the desk"
        >
          <strong>Returned by {returnNote(story)!.by}:</strong>{" "}
          {returnNote(story)!.note}
        </p>
      )}
      {readOnly && (
        <p className="alert alert-info workspace-problem" role="note">
          {readOnlyReason(story)}
        </p>
      )}
      {handle ? (
        <Editors
          handle={handle}
          readOnly={readOnly}
          story={story}
          sections={sections}
        />
      ) : (
        <div className="workspace-grid">
          <div className="paper">
            <div className="paper-loading" aria-hidden="true" />
          </div>
        </div>
      )}
    </div>
  );
}

function collaboration(handle: CollabHandle, field: string) {
  return [
    Collaboration.configure({ document: handle.doc, field }),
    CollaborationCaret.configure({
      provider: handle.provider,
      user: {
        id: handle.user.id,
        name: handle.user.name,
        color: handle.user.color,
      },
    }),
  ];
}

/**
 * Moves the caret to the start of `editor` now. Tiptap's focus command waits for the next
 * animation frame, and a fast typist's next key would still land in the field being left.
 */
function focusStart(editor: Editor | null): void {
  if (!editor) return;
  editor.commands.setTextSelection(1);
  editor.view.focus();
}

type Tab = "details" | "comments" | "history";

function Editors({
  handle,
  readOnly,
  story,
  sections,
}: {
  handle: CollabHandle;
  readOnly: boolean;
  story: StoryDetails;
  sections: string[];
}) {
  const deckRef = useRef<Editor | null>(null);
  const bodyRef = useRef<Editor | null>(null);
  const [activeThread, setActiveThreadState] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("details");
  const [commentTarget, setCommentTarget] = useState<CommentTarget | null>(
    null,
  );
  const [linkOpen, setLinkOpen] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const reportError = useCallback(
    (message: string) => setErrors((list) => [...list.slice(-2), message]),
    [],
  );
  const activateThread = useCallback((id: string | null) => {
    setActiveThreadState(id);
    if (id) setTab("comments");
  }, []);
  /** Takes an editor's selection as the range of a new comment thread; false if none. */
  const commentOnSelection = useCallback((editor: Editor): boolean => {
    const target = selectionAnchor(editor.state);
    setTab("comments");
    setCommentTarget(target);
    return target !== null;
  }, []);

  const headline = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...singleLineExtensions(),
      ...collaboration(handle, Y_HEADLINE),
      Placeholder.configure({ placeholder: "Headline" }),
    ],
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-label": "Headline",
        "aria-multiline": "false",
        class: "headline-input",
      },
      // A headline is one line: Enter moves on to the deck.
      handleKeyDown: (_view, event) => {
        if (event.key !== "Enter") return false;
        focusStart(deckRef.current);
        return true;
      },
    },
  });

  const deck = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...singleLineExtensions(),
      ...collaboration(handle, Y_DECK),
      Placeholder.configure({
        placeholder: "Standfirst: the story in one or two sentences",
      }),
    ],
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-label": "Deck",
        "aria-multiline": "false",
        class: "deck-input",
      },
      handleKeyDown: (_view, event) => {
        if (event.key !== "Enter") return false;
        focusStart(bodyRef.current);
        return true;
      },
    },
  });

  const body = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...bodyExtensions({ figure: EditableFigure }),
      ...collaboration(handle, Y_BODY),
      Placeholder.configure({
        placeholder: "Write your story…",
        includeChildren: false,
      }),
      UploadPlaceholder,
      CommentHighlights.configure({
        doc: handle.doc,
        onActivate: (id) => activateThread(id),
      }),
      Extension.create({
        name: "shortcuts",
        // A selection made by a key just before (Shift+Home, then Ctrl+K at once) reaches
        // ProseMirror only with the next `selectionchange`: read it from the page first.
        addKeyboardShortcuts: () => ({
          "Mod-k": ({ editor }) => {
            flushDomInput(editor.view);
            setLinkOpen(true);
            return true;
          },
          "Mod-Alt-m": ({ editor }) => {
            flushDomInput(editor.view);
            return commentOnSelection(editor);
          },
        }),
      }),
    ],
    editorProps: {
      attributes: {
        id: "story-text",
        role: "textbox",
        "aria-label": "Story text",
        "aria-multiline": "true",
        class: "body-input",
      },
      transformPastedHTML: (html) => cleanPastedHtml(html, parseHtml),
      handlePaste: (_view, event) => {
        const files = imageFiles(event.clipboardData?.files);
        if (files.length === 0 || !bodyRef.current) return false;
        for (const file of files)
          void insertImage(bodyRef.current, file, reportError);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = imageFiles(event.dataTransfer?.files);
        if (moved || files.length === 0 || !bodyRef.current) return false;
        event.preventDefault();
        const at = view.posAtCoords({
          left: event.clientX,
          top: event.clientY,
        })?.pos;
        for (const file of files)
          void insertImage(bodyRef.current, file, reportError, at);
        return true;
      },
    },
  });

  useEffect(() => {
    deckRef.current = deck;
    bodyRef.current = body;
  }, [deck, body]);

  useEffect(() => {
    for (const editor of [headline, deck, body]) editor?.setEditable(!readOnly);
  }, [headline, deck, body, readOnly]);

  // Each colleague's change is applied only after these editors took in the caret moves and
  // typing the browser already made.
  useEffect(() => {
    const flush = () => {
      for (const editor of [headline, deck, body])
        if (editor) flushDomInput(editor.view);
    };
    handle.beforeRemoteChange.add(flush);
    return () => void handle.beforeRemoteChange.delete(flush);
  }, [handle, headline, deck, body]);

  const headlineText =
    useEditorState({
      editor: headline,
      selector: ({ editor }) => editor?.getText() ?? "",
    }) ?? "";
  const author = { id: handle.user.id, name: handle.user.name };

  return (
    <div className="workspace-grid">
      <div className="workspace-main">
        {body && !readOnly && (
          <Toolbar
            editor={body}
            linkOpen={linkOpen}
            setLinkOpen={setLinkOpen}
            onComment={() => void commentOnSelection(body)}
            onInsertImages={(files) =>
              files.forEach((f) => void insertImage(body, f, reportError))
            }
          />
        )}
        {errors.length > 0 && (
          <div className="toast-stack" role="alert">
            {errors.map((message, i) => (
              <p key={`${i}-${message}`} className="alert alert-error toast">
                {message}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    setErrors((list) => list.filter((_, j) => j !== i))
                  }
                >
                  Dismiss
                </button>
              </p>
            ))}
          </div>
        )}
        <article className="paper" aria-label="Story">
          <EditorContent editor={headline} className="headline-field" />
          {headline && (
            <CharacterCount
              editor={headline}
              max={HEADLINE_RECOMMENDED_MAX}
              label="Headline length"
            />
          )}
          <EditorContent editor={deck} className="deck-field" />
          {deck && (
            <CharacterCount
              editor={deck}
              max={DECK_RECOMMENDED_MAX}
              label="Deck length"
            />
          )}
          <EditorContent editor={body} className="body-field" />
        </article>
      </div>
      <aside
        className="workspace-side"
        aria-label="Story details, comments and history"
      >
        {body && (
          <section className="panel panel-stats">
            <DocumentStats editor={body} />
          </section>
        )}
        <div className="side-tabs" role="tablist" aria-label="Side panel">
          {(["details", "comments", "history"] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`panel-${t}`}
              className="side-tab"
              onClick={() => setTab(t)}
            >
              {t === "details"
                ? "Details"
                : t === "comments"
                  ? "Comments"
                  : "History"}
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
            <>
              <MetadataPanel
                doc={handle.doc}
                story={story}
                sections={sections}
                readOnly={readOnly}
                headline={headlineText}
              />
            </>
          )}
          {tab === "comments" && body && (
            <CommentsPanel
              doc={handle.doc}
              editor={body}
              author={author}
              canComment={!readOnly}
              active={activeThread}
              setActive={activateThread}
              target={commentTarget}
              setTarget={setCommentTarget}
              startFromSelection={() => commentOnSelection(body)}
            />
          )}
          {tab === "history" && (
            <HistoryPanel story={story} canSave={!readOnly} />
          )}
        </div>
      </aside>
    </div>
  );
}
