"use client";

import { Extension } from "@tiptap/core";
import {
  Plugin,
  PluginKey,
  type EditorState,
  type Transaction,
} from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

type Action =
  | { add: { id: string; pos: number; label: string } }
  | { remove: { id: string } };

const key = new PluginKey<DecorationSet>("uploadPlaceholder");
const progressLabels = new Map<string, HTMLElement>();

/**
 * Where a photo will land while it uploads: a widget shown only to the person uploading (it is
 * not in the shared document), mapped through everyone's edits so the photo lands where it was
 * dropped even if colleagues type above it meanwhile.
 */
export const UploadPlaceholder = Extension.create({
  name: "uploadPlaceholder",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            let next = set.map(tr.mapping, tr.doc);
            const action = tr.getMeta(key) as Action | undefined;
            if (action && "add" in action) {
              const el = document.createElement("div");
              el.className = "upload-placeholder";
              el.setAttribute("role", "status");
              el.textContent = action.add.label;
              progressLabels.set(action.add.id, el);
              next = next.add(tr.doc, [
                Decoration.widget(action.add.pos, el, {
                  id: action.add.id,
                  side: -1,
                }),
              ]);
            } else if (action && "remove" in action) {
              next = next.remove(
                next.find(
                  undefined,
                  undefined,
                  (spec) => spec.id === action.remove.id,
                ),
              );
              progressLabels.delete(action.remove.id);
            }
            return next;
          },
        },
        props: {
          decorations(state) {
            return key.getState(state);
          },
        },
      }),
    ];
  },
});

export function addPlaceholder(
  tr: Transaction,
  id: string,
  pos: number,
  label: string,
): Transaction {
  return tr.setMeta(key, { add: { id, pos, label } } satisfies Action);
}

export function removePlaceholder(tr: Transaction, id: string): Transaction {
  return tr.setMeta(key, { remove: { id } } satisfies Action);
}

/** The current position of a placeholder, or null if its surroundings were deleted. */
export function findPlaceholder(state: EditorState, id: string): number | null {
  const found = key
    .getState(state)
    ?.find(undefined, undefined, (spec) => spec.id === id);
  return found && found.length > 0 ? found[0]!.from : null;
}

export function setPlaceholderLabel(id: string, label: string): void {
  const el = progressLabels.get(id);
  if (el) el.textContent = label;
}
