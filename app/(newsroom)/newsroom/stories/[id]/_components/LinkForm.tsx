"use client";

import type { Editor } from "@tiptap/react";
import { useState, type FormEvent } from "react";
import { normaliseLinkInput } from "@/lib/editor/links";
import "./LinkForm.css";

/** Adds, changes or removes the link on the selection. Only http(s) and mailto links are accepted. */
export function LinkForm({
  editor,
  onClose,
}: {
  editor: Editor;
  onClose: () => void;
}) {
  const current =
    (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);

  function apply(event: FormEvent) {
    event.preventDefault();
    const href = normaliseLinkInput(value);
    if (!href) {
      setError(
        "Only web addresses (http, https) and e-mail addresses (mailto) can be linked.",
      );
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain
        .insertContent({
          type: "text",
          text: value.trim(),
          marks: [{ type: "link", attrs: { href } }],
        })
        .run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  }

  return (
    <form className="link-form" onSubmit={apply} aria-label="Link">
      <label htmlFor="link-address" className="visually-hidden">
        Link address
      </label>
      <input
        id="link-address"
        className="input"
        value={value}
        autoFocus
        placeholder="https://… or name@example.com"
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            onClose();
            editor.commands.focus();
          }
        }}
        aria-invalid={error !== null}
        aria-describedby={error ? "link-error" : undefined}
      />
      <button type="submit" className="button button-primary">
        Apply
      </button>
      {current && (
        <button
          type="button"
          className="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange("link").unsetLink().run();
            onClose();
          }}
        >
          Remove link
        </button>
      )}
      <button type="button" className="button button-ghost" onClick={onClose}>
        Cancel
      </button>
      {error && (
        <p id="link-error" className="link-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
