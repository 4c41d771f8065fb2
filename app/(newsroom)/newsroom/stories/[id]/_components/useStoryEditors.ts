"use client";

import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import {
  ReactNodeViewRenderer,
  useEditor,
  useEditorState,
  type Editor,
} from "@tiptap/react";
import { useEffect, useRef } from "react";
import { bodyExtensions, singleLineExtensions } from "@/lib/editor/extensions";
import { Figure } from "@/lib/editor/figure";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "@/lib/editor/names";
import { cleanPastedHtml } from "@/lib/editor/paste";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import { SuggestChanges } from "@/lib/editor/suggestions/extension";
import { renderCaret, renderSelection } from "./caret";
import { CommentHighlights } from "./commentHighlights";
import { FigureView } from "./FigureView";
import { flushDomInput, ReadCaretWithKeys } from "./flushDomInput";
import { imageFiles, insertImage } from "./imageInsertion";
import { UploadPlaceholder } from "./uploadPlaceholder";
import type { CollabHandle } from "./useCollabSession";

/** The figure node with its interactive view; same schema as the server's. */
const EditableFigure = Figure.extend({
  addNodeView() {
    return ReactNodeViewRenderer(FigureView);
  },
});

const parseHtml = (html: string) =>
  new DOMParser().parseFromString(html, "text/html");

function collaboration(
  handle: CollabHandle,
  field: string,
  nameOf: (userId: string) => string,
) {
  return [
    ReadCaretWithKeys,
    SuggestChanges.configure({ userId: handle.user.id, nameOf }),
    Collaboration.configure({ document: handle.doc, field }),
    CollaborationCaret.configure({
      provider: handle.provider,
      user: {
        id: handle.user.id,
        name: handle.user.name,
        color: handle.user.color,
      },
      render: renderCaret,
      selectionRender: renderSelection,
    }),
  ];
}

/**
 * An empty field's grey text: what to write while it can be edited, and that nothing is there
 * yet while it can only be read (a reader would otherwise see a blank with a counter under it).
 */
function emptyFieldNote(editing: string, reading: string) {
  return Placeholder.configure({
    placeholder: ({ editor }) => (editor.isEditable ? editing : reading),
    showOnlyWhenEditable: false,
    includeChildren: false,
  });
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

/**
 * How the text is being worked on here: changed directly, changed as suggestions, only looked at
 * (by choice, "viewing", or because the story may not be changed, "read-only").
 */
export type EditingMode = "editing" | "suggesting" | "viewing" | "read-only";

/**
 * What the body editor hands back to the workspace. The editors are made once, so these must be
 * stable (from useCallback or a state setter): later versions are not seen.
 */
export interface StoryEditorCallbacks {
  /** A comment highlight in the text was chosen (null: none). */
  onActivateThread: (id: string | null) => void;
  /** Ctrl+Alt+M: start a comment on the editor's selection; false when nothing is selected. */
  onCommentShortcut: (editor: Editor) => boolean;
  /** Ctrl+K: open the link form. */
  onLinkShortcut: () => void;
  /** A photo pasted or dropped into the text could not be inserted. */
  reportError: (message: string) => void;
  /** A person's name from their user id, for the suggestions' tooltips. */
  nameOf: (userId: string) => string;
  /** Every change must be a suggestion (an author in review); others are dropped. */
  suggestOnly: boolean;
}

/**
 * The three Tiptap editors of a story (headline, deck, body), each bound to its field of the
 * story's Y.Doc and showing colleagues' carets through the provider. Enter in the headline and
 * deck moves on to the next field; photos can be pasted or dropped into the body. Each is null
 * until Tiptap has made it (never on the server).
 */
export function useStoryEditors(
  handle: CollabHandle,
  mode: EditingMode,
  {
    onActivateThread,
    onCommentShortcut,
    onLinkShortcut,
    reportError,
    nameOf,
    suggestOnly,
  }: StoryEditorCallbacks,
): {
  headline: Editor | null;
  deck: Editor | null;
  body: Editor | null;
  /** The headline's plain text, kept current (the web address follows it). */
  headlineText: string;
} {
  // Viewing is a local choice: the text cannot be changed here, though the socket may.
  const readOnly = mode !== "editing" && mode !== "suggesting";
  const deckRef = useRef<Editor | null>(null);
  const bodyRef = useRef<Editor | null>(null);
  // A photo is not a suggestion: none is pasted or dropped while only suggesting.
  const suggestOnlyRef = useRef(suggestOnly);

  const headline = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: [
      ...singleLineExtensions(),
      ...collaboration(handle, Y_HEADLINE, nameOf),
      emptyFieldNote("Headline", "No headline yet"),
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
      ...collaboration(handle, Y_DECK, nameOf),
      emptyFieldNote(
        "Standfirst: the story in one or two sentences",
        "No standfirst yet",
      ),
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
      ...collaboration(handle, Y_BODY, nameOf),
      emptyFieldNote("Write your story…", "Nothing written yet"),
      UploadPlaceholder,
      CommentHighlights.configure({
        doc: handle.doc,
        onActivate: (id) => onActivateThread(id),
      }),
      Extension.create({
        name: "shortcuts",
        // Each sees the selection a key just made (ReadCaretWithKeys reads it first).
        addKeyboardShortcuts: () => ({
          "Mod-k": () => {
            onLinkShortcut();
            return true;
          },
          "Mod-Alt-m": ({ editor }) => onCommentShortcut(editor),
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
        if (suggestOnlyRef.current) return true;
        for (const file of files)
          void insertImage(bodyRef.current, file, reportError);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = imageFiles(event.dataTransfer?.files);
        if (moved || files.length === 0 || !bodyRef.current) return false;
        event.preventDefault();
        if (suggestOnlyRef.current) return true;
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
    for (const editor of [headline, deck, body]) {
      editor?.setEditable(!readOnly);
      editor?.commands.setSuggesting(mode === "suggesting");
    }
  }, [headline, deck, body, readOnly, mode]);

  // Undoing a direct change made before the story was submitted would be one now: forgotten.
  useEffect(() => {
    suggestOnlyRef.current = suggestOnly;
    for (const editor of [headline, deck, body]) {
      editor?.commands.setSuggestOnly(suggestOnly);
      if (suggestOnly && editor)
        (
          yUndoPluginKey.getState(editor.state) as
            { undoManager?: { clear(): void } } | undefined
        )?.undoManager?.clear();
    }
  }, [headline, deck, body, suggestOnly]);

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

  return { headline, deck, body, headlineText };
}
