"use client";

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { readThreads } from "@/lib/editor/comments";
import { Y_COMMENTS } from "@/lib/editor/names";

interface HighlightState {
  active: string | null;
  decorations: DecorationSet;
}

const key = new PluginKey<HighlightState>("commentHighlights");

interface SyncState {
  type: Y.XmlFragment;
  binding: { mapping: Map<Y.AbstractType<unknown>, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const ystate = ySyncPluginKey.getState(state) as SyncState | undefined;
  return ystate?.binding ? ystate : null;
}

/** The document range a thread's relative positions point at now, or null if its text is gone. */
export function threadRange(
  state: EditorState,
  doc: Y.Doc,
  anchor: Uint8Array,
  head: Uint8Array,
): { from: number; to: number } | null {
  const ystate = syncState(state);
  if (!ystate?.binding) return null;
  const mapping = ystate.binding.mapping as never;
  const resolve = (bytes: Uint8Array) =>
    relativePositionToAbsolutePosition(
      doc,
      ystate.type,
      Y.decodeRelativePosition(bytes),
      mapping,
    );
  const from = resolve(anchor);
  const to = resolve(head);
  return from !== null && to !== null && to > from ? { from, to } : null;
}

/** Relative positions for the current selection, to anchor a new thread; null when nothing is selected. */
export function selectionAnchor(
  state: EditorState,
): { anchor: Uint8Array; head: Uint8Array; quote: string } | null {
  const ystate = syncState(state);
  const { from, to, empty } = state.selection;
  if (!ystate?.binding || empty) return null;
  const mapping = ystate.binding.mapping as never;
  const rel = (pos: number) =>
    Y.encodeRelativePosition(
      absolutePositionToRelativePosition(pos, ystate.type, mapping),
    );
  return {
    anchor: rel(from),
    head: rel(to),
    quote: state.doc.textBetween(from, to, " "),
  };
}

/**
 * Marks the text of each open comment thread in the body, and the active thread more strongly.
 * The marks are decorations: they are never part of the document, so never published.
 */
export const CommentHighlights = Extension.create<{
  doc: Y.Doc | null;
  onActivate: (id: string) => void;
}>({
  name: "commentHighlights",
  addOptions() {
    return { doc: null, onActivate: () => {} };
  },
  addProseMirrorPlugins() {
    const { doc, onActivate } = this.options;
    if (!doc) return [];
    const compute = (state: EditorState, active: string | null) => {
      const decorations = readThreads(doc).flatMap((thread) => {
        if (thread.resolved) return [];
        const range = threadRange(state, doc, thread.anchor, thread.head);
        if (!range) return [];
        return [
          Decoration.inline(range.from, range.to, {
            class: `comment-mark${thread.id === active ? " is-active" : ""}`,
            "data-thread": thread.id,
          }),
        ];
      });
      return DecorationSet.create(state.doc, decorations);
    };
    return [
      new Plugin<HighlightState>({
        key,
        state: {
          init: (_config, state) => ({
            active: null,
            decorations: compute(state, null),
          }),
          apply: (tr, value, _old, next) => {
            const meta = tr.getMeta(key) as
              { active?: string | null } | undefined;
            if (!tr.docChanged && !meta) return value;
            const active =
              meta && "active" in meta ? (meta.active ?? null) : value.active;
            return { active, decorations: compute(next, active) };
          },
        },
        props: {
          decorations: (state) => key.getState(state)?.decorations,
          handleClick: (view, _pos, event) => {
            const id = (event.target as HTMLElement | null)
              ?.closest?.("[data-thread]")
              ?.getAttribute("data-thread");
            if (!id) return false;
            setActiveThread(view.state, view.dispatch, id);
            onActivate(id);
            return false;
          },
        },
        view: (view) => {
          // Threads change without the text changing (a new thread, a resolve): redraw then.
          const redraw = () => {
            if (!view.isDestroyed)
              view.dispatch(view.state.tr.setMeta(key, {}));
          };
          const comments = doc.getMap(Y_COMMENTS);
          comments.observeDeep(redraw);
          return { destroy: () => comments.unobserveDeep(redraw) };
        },
      }),
    ];
  },
});

/** Marks `id` as the thread being looked at (highlighted more strongly). */
export function setActiveThread(
  state: EditorState,
  dispatch: (tr: EditorState["tr"]) => void,
  id: string | null,
): void {
  dispatch(state.tr.setMeta(key, { active: id }));
}
