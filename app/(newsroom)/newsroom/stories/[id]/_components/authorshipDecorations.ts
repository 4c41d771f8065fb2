"use client";

import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { textRuns, type WriterClaims } from "@/lib/editor/authorship";

/** The "who wrote what" colouring of the body (registered on the editor only while shown). */
export const authorshipKey = new PluginKey<DecorationSet>("authorship");

interface Binding {
  mapping: Map<unknown, PMNode | PMNode[]>;
}

export interface AuthorshipColouring {
  doc: Y.Doc;
  /** Client id → writer, read at each redraw (claims arrive while the view is on). */
  claims: () => WriterClaims;
  colorOf: (userId: string) => string;
  /** The writer's name, shown on hovering their text. */
  nameOf: (userId: string) => string;
  /** Called after each redraw: the text changed (the legend recounts). */
  onRedraw: () => void;
  /** Receives the plugin's way to ask for a redraw (new claims arrived); null once it is gone. */
  bindRedraw: (redraw: (() => void) | null) => void;
}

/**
 * Colours each run of the body's text by the account that wrote it, reading the Yjs items behind
 * each text block through y-tiptap's binding. Decorations only: the document is never changed.
 * Redrawn once a frame after Yjs changes (local typing reaches Yjs in the view's update, so a
 * redraw in the same transaction would read it stale); mapped through edits meanwhile.
 */
export function authorshipPlugin(options: AuthorshipColouring): Plugin {
  return new Plugin<DecorationSet>({
    key: authorshipKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set) =>
        (tr.getMeta(authorshipKey) as DecorationSet | undefined) ??
        set.map(tr.mapping, tr.doc),
    },
    props: { decorations: (state) => authorshipKey.getState(state) },
    view: (view) => {
      let frame: number | null = null;
      const redraw = () => {
        frame = null;
        if (view.isDestroyed) return;
        const set = decorate(view.state, options);
        if (set)
          view.dispatch(
            view.state.tr
              .setMeta(authorshipKey, set)
              .setMeta("addToHistory", false),
          );
        options.onRedraw();
      };
      const schedule = () => {
        frame ??= requestAnimationFrame(redraw);
      };
      options.doc.on("afterTransaction", schedule);
      options.bindRedraw(schedule);
      schedule();
      return {
        destroy: () => {
          options.bindRedraw(null);
          options.doc.off("afterTransaction", schedule);
          if (frame !== null) cancelAnimationFrame(frame);
        },
      };
    },
  });
}

function decorate(
  state: EditorState,
  { claims, colorOf, nameOf }: AuthorshipColouring,
): DecorationSet | null {
  const ystate = ySyncPluginKey.getState(state) as
    { binding: Binding | null } | undefined;
  const mapping = ystate?.binding?.mapping;
  if (!mapping) return null;
  const typeOf = new Map<PMNode, Y.XmlElement>();
  for (const [type, node] of mapping)
    if (type instanceof Y.XmlElement && !Array.isArray(node))
      typeOf.set(node, type);
  const writers = claims();
  const decorations: Decoration[] = [];
  state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const type = typeOf.get(node);
    if (!type) return false;
    let offset = pos + 1;
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const run of mergedRuns(child, writers)) {
          const from = offset + run.offset;
          const to = from + run.length;
          // The binding lags the view for a moment after a change: skip what no longer lines up.
          if (to > pos + node.nodeSize - 1) break;
          decorations.push(
            Decoration.inline(
              from,
              to,
              run.writer
                ? {
                    class: "authored",
                    style: `--author: ${colorOf(run.writer)}`,
                    title: `Written by ${nameOf(run.writer)}`,
                  }
                : { class: "authored is-earlier", title: "Earlier text" },
            ),
          );
        }
        offset += child.length;
      } else {
        const mapped = mapping.get(child);
        offset += mapped && !Array.isArray(mapped) ? mapped.nodeSize : 1;
      }
    }
    return false;
  });
  return DecorationSet.create(state.doc, decorations);
}

/** A text block's runs with the same writer joined (fewer decorations for long paragraphs). */
function mergedRuns(
  text: Y.XmlText,
  writers: WriterClaims,
): Array<{ offset: number; length: number; writer: string | null }> {
  const merged: Array<{
    offset: number;
    length: number;
    writer: string | null;
  }> = [];
  for (const run of textRuns(text)) {
    const writer = writers.get(run.client) ?? null;
    const last = merged.at(-1);
    if (
      last &&
      last.writer === writer &&
      last.offset + last.length === run.offset
    )
      last.length += run.text.length;
    else merged.push({ offset: run.offset, length: run.text.length, writer });
  }
  return merged;
}
