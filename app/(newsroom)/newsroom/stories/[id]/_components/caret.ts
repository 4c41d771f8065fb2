import type { DecorationAttrs } from "@tiptap/pm/view";
import { presenceColor } from "@/lib/collab/presence-color";

/**
 * A colleague's caret and selection, as CollaborationCaret draws them, from what their browser
 * sent: the colour only through presenceColor, the name only as text.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = presenceColor(user.color);
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  caret.style.borderColor = color;
  const label = document.createElement("div");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

/** The selection's highlight: the colour at 44% opacity. */
export function renderSelection(
  user: Record<string, unknown>,
): DecorationAttrs {
  return {
    style: `background-color: ${presenceColor(user.color)}70`,
    class: "ProseMirror-yjs-selection",
  };
}
