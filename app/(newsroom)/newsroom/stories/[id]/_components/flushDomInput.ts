"use client";

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
