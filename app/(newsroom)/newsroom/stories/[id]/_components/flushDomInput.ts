"use client";

import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

/** The part of ProseMirror's (internal) DOM observer used here. */
interface DomObserver {
  forceFlush(): void;
  flush(): void;
}

/**
 * Makes ProseMirror read what the browser already changed — a caret moved by a key, typed
 * text — into its state now. ProseMirror learns of a moved caret only from the asynchronous
 * `selectionchange` event; a colleague's edit applied in between makes the Yjs binding restore
 * the caret from the stale state, so the next keystroke lands in the old place.
 */
export function flushDomInput(view: EditorView): void {
  if (view.isDestroyed) return;
  // EditorView.domObserver is not part of the typed API.
  const observer = (view as unknown as { domObserver?: DomObserver })
    .domObserver;
  observer?.forceFlush();
  observer?.flush();
}

/**
 * Reads the caret from the page after every key's own move (Ctrl+End) and before any key's
 * command (Enter, Ctrl+K) runs. On a busy page the `selectionchange` of the first key can come
 * after the second key: the command would act where the caret was before, and any redraw in
 * between would put the caret back there (ProseMirror writes its stale selection to the page).
 */
export const ReadCaretWithKeys = Extension.create({
  name: "readCaretWithKeys",
  // Before every other key handler (shortcuts, lists, the schema's keymaps).
  priority: 10_000,
  addProseMirrorPlugins() {
    // Not for a key an input method takes (229): ProseMirror leaves those alone too, as the
    // method may be about to change the text.
    const read = (view: EditorView, event: KeyboardEvent) => {
      if (!view.composing && event.keyCode !== 229) flushDomInput(view);
      return false;
    };
    return [
      new Plugin({
        props: {
          handleKeyDown: read,
          handleDOMEvents: { keyup: read },
        },
      }),
    ];
  },
});
