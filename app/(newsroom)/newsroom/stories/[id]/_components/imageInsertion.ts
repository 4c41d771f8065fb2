"use client";

import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { figureContent } from "@/lib/editor/figure";
import {
  precheckImage,
  preloadImage,
  uploadImage,
  uploadProgressLabel,
} from "./uploadImage";
import {
  addPlaceholder,
  findPlaceholder,
  removePlaceholder,
  setPlaceholderLabel,
} from "./uploadPlaceholder";

/** The boundary after the top-level block holding `pos`: photos go between paragraphs. */
function blockBoundary(state: EditorState, pos: number): number {
  const $pos = state.doc.resolve(
    Math.min(Math.max(pos, 0), state.doc.content.size),
  );
  return $pos.depth === 0 ? $pos.pos : $pos.after(1);
}

/**
 * Uploads `file` and inserts it as a figure at `at` (default: after the current block). Nothing
 * enters the shared document until the upload succeeded; a failure is reported through `onError`.
 */
export async function insertImage(
  editor: Editor,
  file: File,
  onError: (message: string) => void,
  at?: number,
): Promise<void> {
  const problem = precheckImage(file);
  if (problem) {
    onError(problem);
    return;
  }
  const id = `upload-${Math.random().toString(36).slice(2)}`;
  const pos = blockBoundary(editor.state, at ?? editor.state.selection.from);
  editor.view.dispatch(
    addPlaceholder(
      editor.state.tr,
      id,
      pos,
      `${file.name}: ${uploadProgressLabel(0)}`,
    ),
  );
  try {
    const image = await uploadImage(file, (f) =>
      setPlaceholderLabel(id, `${file.name}: ${uploadProgressLabel(f)}`),
    );
    // Still "Processing…" until the editor's copy is loaded, so the photo appears whole.
    await preloadImage(image.previewUrl);
    if (editor.isDestroyed) return;
    const where = findPlaceholder(editor.state, id);
    const tr = removePlaceholder(editor.state.tr, id);
    if (where !== null) {
      const figure = editor.schema.nodes.figure!.create(
        { src: image.url, width: image.width, height: image.height },
        figureContent(editor.schema, {}),
      );
      tr.insert(where, figure);
    }
    editor.view.dispatch(tr);
  } catch (error) {
    if (!editor.isDestroyed)
      editor.view.dispatch(removePlaceholder(editor.state.tr, id));
    onError(`${file.name} could not be uploaded. ${(error as Error).message}`);
  }
}

/** Image files in a clipboard or drop, in order. */
export function imageFiles(list: FileList | null | undefined): File[] {
  return Array.from(list ?? []).filter(
    (f) =>
      f.type.startsWith("image/") ||
      f.name.match(/\.(jpe?g|png|webp|gif|svg)$/i),
  );
}
