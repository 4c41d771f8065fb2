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
import type { StoryDetails } from "@/lib/stories";
import { StatusBadge } from "../../../_components/StatusBadge";
import { CharacterCount, DocumentStats } from "./Counters";
import { FigureView } from "./FigureView";
import { imageFiles, insertImage } from "./imageInsertion";
import { MetadataPanel } from "./MetadataPanel";
import { Presence } from "./Presence";
import { PublishButton } from "./PublishButton";
import { SaveStatus } from "./SaveStatus";
import { Toolbar } from "./Toolbar";
import { UploadPlaceholder } from "./uploadPlaceholder";
import { useCollabSession, type CollabHandle } from "./useCollabSession";
import { useOfflineSupport } from "./useOfflineSupport";

/** The figure node with its interactive view; same schema as the server's. */
const EditableFigure = Figure.extend({
  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
});

const parseHtml = (html: string) =>
  new DOMParser().parseFromString(html, "text/html");

/** The story workspace: headline, deck and body edited together live, with details beside them. */
export function StoryEditor({
  story,
  sections,
}: {
  story: StoryDetails;
  sections: string[];
}) {
  const { handle, connection, save, kept, problem } = useCollabSession(
    story.id,
  );
  useOfflineSupport();
  const [liveUrl, setLiveUrl] = useState(story.liveUrl);
  const readOnly = handle?.readOnly ?? !story.permissions.edit;

  return (
    <div className="workspace">
      <div className="workspace-bar">
        <Link href="/newsroom" className="button button-ghost">
          ← Stories
        </Link>
        <StatusBadge status={liveUrl ? "published" : story.status} />
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
          {liveUrl && (
            <a
              className="button"
              href={liveUrl}
              target="_blank"
              rel="noreferrer"
            >
              View live
            </a>
          )}
          {story.permissions.publish && (
            <PublishButton
              storyId={story.id}
              save={save}
              onPublished={setLiveUrl}
            />
          )}
        </div>
      </div>
      {problem && (
        <p className="alert alert-error workspace-problem" role="alert">
          {problem}
        </p>
      )}
      {readOnly && handle && (
        <p className="alert alert-info workspace-problem">
          You can read this story; only its authors and editors can change it.
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

/**
 * Moves the caret to the start of `editor` now. Tiptap's focus command waits for the next
 * animation frame, and a fast typist's next key would still land in the field being left.
 */
function focusStart(editor: Editor | null): void {
  if (!editor) return;
  editor.commands.setTextSelection(1);
  editor.view.focus();
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
  const [linkOpen, setLinkOpen] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const reportError = useCallback(
    (message: string) => setErrors((list) => [...list.slice(-2), message]),
    [],
  );

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
      Extension.create({
        name: "linkShortcut",
        addKeyboardShortcuts: () => ({
          "Mod-k": () => {
            setLinkOpen(true);
            return true;
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

  const headlineText =
    useEditorState({
      editor: headline,
      selector: ({ editor }) => editor?.getText() ?? "",
    }) ?? "";

  return (
    <div className="workspace-grid">
      <div className="workspace-main">
        {body && !readOnly && (
          <Toolbar
            editor={body}
            linkOpen={linkOpen}
            setLinkOpen={setLinkOpen}
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
        aria-label="Story details and statistics"
      >
        {body && (
          <section className="panel">
            <DocumentStats editor={body} />
          </section>
        )}
        <MetadataPanel
          doc={handle.doc}
          story={story}
          sections={sections}
          readOnly={readOnly}
          headline={headlineText}
        />
      </aside>
    </div>
  );
}
