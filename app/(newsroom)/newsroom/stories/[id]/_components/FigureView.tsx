"use client";

import {
  NodeViewContent,
  NodeViewWrapper,
  useEditorState,
  type ReactNodeViewProps,
} from "@tiptap/react";
import { useRef, useState } from "react";
import { figureParts } from "@/lib/editor/figure";
import { isSuggestOnly } from "@/lib/editor/suggestions/extension";
import { editorImageUrl } from "@/lib/uploads/names";
import {
  ACCEPTED_IMAGE_TYPES,
  precheckImage,
  preloadImage,
  uploadImage,
  uploadProgressLabel,
} from "./uploadImage";
import "./FigureView.css";

const listFormat = new Intl.ListFormat("en-GB", { type: "conjunction" });

/**
 * A photo in the story: the image, then its caption, credit and alt text (the node's content:
 * three child nodes, each collaborative text with its own labelled view, see figure.ts), with
 * tools to replace, remove and move it. A missing caption, alt text or credit is flagged, because
 * none should be missing on the public site.
 */
export function FigureView({
  node,
  editor,
  getPos,
  updateAttributes,
  deleteNode,
  selected,
}: ReactNodeViewProps) {
  const attrs = figureParts(node);
  // Moving, replacing or removing a photo is not a suggestion: not offered to an author in review.
  const editable = useEditorState({
    editor,
    selector: ({ editor: e }) => e.isEditable && !isSuggestOnly(e),
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function move(direction: -1 | 1) {
    const pos = getPos();
    if (typeof pos !== "number") return;
    const $pos = editor.state.doc.resolve(pos);
    const index = $pos.index();
    const parent = $pos.parent;
    const neighbourIndex = index + direction;
    if (neighbourIndex < 0 || neighbourIndex >= parent.childCount) return;
    const neighbour = parent.child(neighbourIndex);
    const tr = editor.state.tr.delete(pos, pos + node.nodeSize);
    const target =
      direction === -1 ? pos - neighbour.nodeSize : pos + neighbour.nodeSize;
    tr.insert(target, node);
    editor.view.dispatch(tr.scrollIntoView());
  }

  async function replace(file: File) {
    const precheck = precheckImage(file);
    if (precheck) {
      setProblem(precheck);
      return;
    }
    setProblem(null);
    setReplacing(uploadProgressLabel(0));
    try {
      const image = await uploadImage(file, (f) =>
        setReplacing(uploadProgressLabel(f)),
      );
      await preloadImage(image.previewUrl);
      updateAttributes({
        src: image.url,
        width: image.width,
        height: image.height,
      });
    } catch (error) {
      setProblem(
        `${file.name} could not be uploaded. ${(error as Error).message}`,
      );
    } finally {
      setReplacing(null);
    }
  }

  const missing = [
    !attrs.caption?.textContent.trim() && "caption",
    !attrs.alt.trim() && "alt text",
    !attrs.credit.trim() && "credit",
  ].filter((part): part is string => Boolean(part));

  return (
    <NodeViewWrapper
      as="figure"
      className={`figure-block${selected ? " is-selected" : ""}`}
      data-figure=""
    >
      <div className="figure-media" contentEditable={false}>
        {/* `src` is empty unless it is one of our uploads (figureAttributes). */}
        {attrs.src && (
          // eslint-disable-next-line @next/next/no-img-element -- an uploaded image inside the editor, sized by its own attributes
          <img
            src={editorImageUrl(attrs.src, attrs.width)}
            alt={attrs.alt}
            width={attrs.width ?? undefined}
            height={attrs.height ?? undefined}
            draggable={false}
          />
        )}
        {replacing && (
          <div className="figure-progress" role="status">
            {replacing}
          </div>
        )}
        {editable && (
          <div className="figure-tools" role="toolbar" aria-label="Photo tools">
            <button
              type="button"
              onClick={() => move(-1)}
              aria-label="Move photo up"
              title="Move up"
            >
              ↑
            </button>
            <button
              type="button"
              onClick={() => move(1)}
              aria-label="Move photo down"
              title="Move down"
            >
              ↓
            </button>
            <button
              type="button"
              onClick={() => fileInput.current?.click()}
              aria-label="Replace photo"
            >
              Replace
            </button>
            <button
              type="button"
              onClick={() => deleteNode()}
              aria-label="Remove photo"
            >
              Remove
            </button>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPTED_IMAGE_TYPES}
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void replace(file);
              }}
            />
          </div>
        )}
      </div>
      <NodeViewContent className="figure-fields-text" />
      <div className="figure-fields" contentEditable={false}>
        {missing.length > 0 && (
          <p className="figure-warning">
            <span aria-hidden="true">⚠</span> Missing{" "}
            {listFormat.format(missing)}
          </p>
        )}
        {problem && (
          <p className="figure-warning" role="alert">
            {problem}
          </p>
        )}
      </div>
    </NodeViewWrapper>
  );
}
