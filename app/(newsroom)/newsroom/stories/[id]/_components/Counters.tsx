"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { readerWordCount } from "@/lib/editor/suggestions/count";
import { readingMinutes } from "@/lib/editor/fields";
import "./Counters.css";

/** "42 / 90" under a single-line field: a recommendation, flagged when exceeded, never enforced. */
export function CharacterCount({
  editor,
  max,
  label,
}: {
  editor: Editor;
  max: number;
  label: string;
}) {
  const length = useEditorState({
    editor,
    selector: ({ editor: e }) => e.getText().length,
  });
  const over = length > max;
  return (
    <p className={`char-count${over ? " is-over" : ""}`} aria-live="polite">
      <span className="visually-hidden">{label}: </span>
      {length} / {max}
      {over && (
        <span className="char-count-hint"> · longer than recommended</span>
      )}
    </p>
  );
}

/** Word count (against the target length, when the story has one) and reading time of the body. */
export function DocumentStats({
  editor,
  target,
}: {
  editor: Editor;
  target?: number | null;
}) {
  const words = useEditorState({
    editor,
    selector: ({ editor: e }) => readerWordCount(e.state.doc),
  });
  const minutes = readingMinutes(words);
  return (
    <p className="doc-stats" aria-label="Length">
      <span className={target && words > target ? "is-over" : undefined}>
        {words.toLocaleString("en")}
        {target ? ` of ${target.toLocaleString("en")}` : ""}{" "}
        {words === 1 && !target ? "word" : "words"}
      </span>
      <span aria-hidden="true"> · </span>
      <span>
        {minutes === 0 ? "no reading time yet" : `${minutes} min read`}
      </span>
    </p>
  );
}
