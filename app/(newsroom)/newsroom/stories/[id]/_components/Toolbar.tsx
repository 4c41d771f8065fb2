"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useRef, type ComponentProps, type ReactNode } from "react";
import { LinkForm } from "./LinkForm";
import { ModeSwitch } from "./ModeSwitch";
import { ACCEPTED_IMAGE_TYPES } from "./uploadImage";
import "./Toolbar.css";

interface ToolbarProps {
  editor: Editor;
  onInsertImages: (files: File[]) => void;
  /** The link form is opened by the Link button and by Ctrl+K in the text. */
  linkOpen: boolean;
  setLinkOpen: (open: boolean) => void;
  /** Starts a comment thread on the selection. */
  onComment: () => void;
  /** Editing, suggesting or viewing, as chosen here. */
  mode: ComponentProps<typeof ModeSwitch>["mode"];
  onModeChange: ComponentProps<typeof ModeSwitch>["onChange"];
  /**
   * Only suggestions (an author in review): formatting, blocks and photos are not suggestions
   * the library makes, so their tools are off, and so is Editing.
   */
  suggestOnly: boolean;
}

function ToolButton({
  label,
  shortcut,
  pressed,
  disabled,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="tool"
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // Keep the editor's selection: a toolbar click must not blur it first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Formatting for the story body: every button has a name, a shortcut and a pressed state. */
export function Toolbar({
  editor,
  onInsertImages,
  linkOpen,
  setLinkOpen,
  onComment,
  mode,
  onModeChange,
  suggestOnly,
}: ToolbarProps) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      link: e.isActive("link"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      paragraph: e.isActive("paragraph"),
      quote: e.isActive("blockquote"),
      bullets: e.isActive("bulletList"),
      numbers: e.isActive("orderedList"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      hasSelection: !e.state.selection.empty,
      editable: e.isEditable,
    }),
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const chain = () => editor.chain().focus();
  const disabled = !state.editable;
  const formatDisabled = disabled || suggestOnly;

  return (
    <div className="toolbar-wrap">
      <div
        className="toolbar"
        role="toolbar"
        aria-label="Formatting"
        aria-controls="story-text"
      >
        <ModeSwitch
          mode={mode}
          onChange={onModeChange}
          editingAllowed={!suggestOnly}
        />
        <span className="tool-sep" aria-hidden="true" />
        <ToolButton
          label="Undo"
          shortcut="Ctrl+Z"
          disabled={disabled || !state.canUndo}
          onClick={() => chain().undo().run()}
        >
          <Icon d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />
        </ToolButton>
        <ToolButton
          label="Redo"
          shortcut="Ctrl+Shift+Z"
          disabled={disabled || !state.canRedo}
          onClick={() => chain().redo().run()}
        >
          <Icon d="m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />
        </ToolButton>
        <span className="tool-sep" aria-hidden="true" />
        <ToolButton
          label="Paragraph"
          shortcut="Ctrl+Alt+0"
          pressed={state.paragraph}
          disabled={formatDisabled}
          onClick={() => chain().setParagraph().run()}
        >
          <span className="tool-text">¶</span>
        </ToolButton>
        <ToolButton
          label="Heading 2"
          shortcut="Ctrl+Alt+2"
          pressed={state.h2}
          disabled={formatDisabled}
          onClick={() => chain().toggleHeading({ level: 2 }).run()}
        >
          <span className="tool-text">H2</span>
        </ToolButton>
        <ToolButton
          label="Heading 3"
          shortcut="Ctrl+Alt+3"
          pressed={state.h3}
          disabled={formatDisabled}
          onClick={() => chain().toggleHeading({ level: 3 }).run()}
        >
          <span className="tool-text">H3</span>
        </ToolButton>
        <span className="tool-sep" aria-hidden="true" />
        <ToolButton
          label="Bold"
          shortcut="Ctrl+B"
          pressed={state.bold}
          disabled={formatDisabled}
          onClick={() => chain().toggleBold().run()}
        >
          <span className="tool-text tool-bold">B</span>
        </ToolButton>
        <ToolButton
          label="Italic"
          shortcut="Ctrl+I"
          pressed={state.italic}
          disabled={formatDisabled}
          onClick={() => chain().toggleItalic().run()}
        >
          <span className="tool-text tool-italic">I</span>
        </ToolButton>
        <ToolButton
          label="Link"
          shortcut="Ctrl+K"
          pressed={state.link}
          disabled={formatDisabled}
          onClick={() => setLinkOpen(!linkOpen)}
        >
          <Icon d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
        </ToolButton>
        <span className="tool-sep" aria-hidden="true" />
        <ToolButton
          label="Quote"
          shortcut="Ctrl+Shift+B"
          pressed={state.quote}
          disabled={formatDisabled}
          onClick={() => chain().toggleBlockquote().run()}
        >
          <Icon d="M7 7h4v4c0 3-2 5-4 5M15 7h4v4c0 3-2 5-4 5" />
        </ToolButton>
        <ToolButton
          label="Bulleted list"
          shortcut="Ctrl+Shift+8"
          pressed={state.bullets}
          disabled={formatDisabled}
          onClick={() => chain().toggleBulletList().run()}
        >
          <Icon d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />
        </ToolButton>
        <ToolButton
          label="Numbered list"
          shortcut="Ctrl+Shift+7"
          pressed={state.numbers}
          disabled={formatDisabled}
          onClick={() => chain().toggleOrderedList().run()}
        >
          <Icon d="M10 6h10M10 12h10M10 18h10M4 5l1-1v4M3.5 14.5a1 1 0 1 1 1.6.8L3.5 17h2" />
        </ToolButton>
        <ToolButton
          label="Divider"
          disabled={formatDisabled}
          onClick={() => chain().setHorizontalRule().run()}
        >
          <Icon d="M4 12h16" />
        </ToolButton>
        <span className="tool-sep" aria-hidden="true" />
        <ToolButton
          label="Insert photo"
          disabled={formatDisabled}
          onClick={() => fileInput.current?.click()}
        >
          <Icon d="M4 6h16v12H4zM4 15l4-4 4 4 3-3 5 5M15.5 9.5h.01" />
          <span className="tool-label">Photo</span>
        </ToolButton>
        <ToolButton
          label="Comment"
          shortcut="Ctrl+Alt+M"
          disabled={!state.hasSelection}
          onClick={onComment}
        >
          <Icon d="M5 5h14v10H9l-4 4z" />
          <span className="tool-label">Comment</span>
        </ToolButton>
        <input
          ref={fileInput}
          type="file"
          accept={ACCEPTED_IMAGE_TYPES}
          multiple
          hidden
          aria-label="Choose photos to insert"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            if (files.length) onInsertImages(files);
          }}
        />
      </div>
      {linkOpen && (
        <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />
      )}
    </div>
  );
}

function Icon({ d }: { d: string }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={d} />
    </svg>
  );
}
