"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { newsroomTimeBrief } from "@/lib/newsroom-time";
import {
  readThreads,
  reply,
  setResolved,
  startThread,
  type CommentAuthor,
  type CommentThread,
} from "@/lib/editor/comments";
import { Y_COMMENTS } from "@/lib/editor/names";
import {
  selectionAnchor,
  setActiveThread,
  threadRange,
} from "./commentHighlights";
import { MentionField } from "./MentionField";
import "./CommentsPanel.css";

function useThreads(doc: Y.Doc): CommentThread[] {
  const [threads, setThreads] = useState(() => readThreads(doc));
  useEffect(() => {
    const comments = doc.getMap(Y_COMMENTS);
    const update = () => setThreads(readThreads(doc));
    update();
    comments.observeDeep(update);
    return () => comments.unobserveDeep(update);
  }, [doc]);
  return threads;
}

interface Props {
  storyId: string;
  doc: Y.Doc;
  editor: Editor;
  author: CommentAuthor;
  canComment: boolean;
  active: string | null;
  setActive: (id: string | null) => void;
  /** The range a new thread is being written for (chosen from the selection), or null. */
  target: CommentTarget | null;
  setTarget: (target: CommentTarget | null) => void;
  /** Takes the current selection as the target; false when nothing is selected. */
  startFromSelection: () => boolean;
}

/**
 * Asks the server to tell the people a new comment concerns (its mentions; for a reply, the
 * thread's earlier writers). It reads the comment from the stored story, so it needs no trust.
 */
function sendOn(storyId: string, threadId: string, messageId: string): void {
  void fetch(`/api/stories/${storyId}/comments/notify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ threadId, messageId }),
  }).catch(() => undefined);
}

export type CommentTarget = NonNullable<ReturnType<typeof selectionAnchor>>;

/** Review comments anchored to the text: start from a selection, reply, resolve, reopen. Live for everyone. */
export function CommentsPanel({
  storyId,
  doc,
  editor,
  author,
  canComment,
  active,
  setActive,
  target,
  setTarget,
  startFromSelection,
}: Props) {
  const threads = useThreads(doc);
  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);
  const [draft, setDraft] = useState("");
  const [hint, setHint] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!target || !draft.trim()) return;
    const id = startThread(doc, { ...target, author, text: draft });
    const first = readThreads(doc).find((t) => t.id === id)?.messages[0];
    if (first && draft.includes("@")) sendOn(storyId, id, first.id);
    setDraft("");
    setTarget(null);
    setActive(id);
  }

  function focusThread(thread: CommentThread) {
    setActive(thread.id);
    setActiveThread(editor.state, editor.view.dispatch, thread.id);
    const range = threadRange(editor.state, doc, thread.anchor, thread.head);
    if (range) editor.chain().setTextSelection(range).scrollIntoView().run();
  }

  return (
    <section className="panel comments" aria-label="Comments">
      <div className="panel-head">
        <h2 className="panel-title">Comments</h2>
        {canComment && !target && (
          <button
            type="button"
            className="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() =>
              setHint(
                startFromSelection()
                  ? null
                  : "Select the words you want to comment on first.",
              )
            }
          >
            Comment on selection
          </button>
        )}
      </div>
      {hint && <p className="panel-hint">{hint}</p>}
      {target && (
        <form
          className="comment-form"
          onSubmit={submit}
          aria-label="New comment"
        >
          <blockquote className="comment-quote">{target.quote}</blockquote>
          <label htmlFor="new-comment" className="visually-hidden">
            Comment
          </label>
          <MentionField
            id="new-comment"
            className="input textarea"
            rows={3}
            value={draft}
            onChange={setDraft}
            placeholder="Comment, or @mention someone"
            autoFocus
          />
          <div className="comment-actions">
            <button
              type="button"
              className="button button-ghost"
              onClick={() => setTarget(null)}
            >
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={!draft.trim()}
            >
              Add comment
            </button>
          </div>
        </form>
      )}
      {open.length === 0 && !target && (
        <p className="panel-hint">No open comments.</p>
      )}
      <ul className="threads">
        {open.map((thread) => (
          <Thread
            key={thread.id}
            storyId={storyId}
            thread={thread}
            doc={doc}
            author={author}
            canComment={canComment}
            active={thread.id === active}
            onFocus={() => focusThread(thread)}
          />
        ))}
      </ul>
      {resolved.length > 0 && (
        <details className="resolved">
          <summary>Resolved ({resolved.length})</summary>
          <ul className="threads">
            {resolved.map((thread) => (
              <Thread
                key={thread.id}
                storyId={storyId}
                thread={thread}
                doc={doc}
                author={author}
                canComment={canComment}
                active={false}
                onFocus={() => setActive(thread.id)}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Thread({
  storyId,
  thread,
  doc,
  author,
  canComment,
  active,
  onFocus,
}: {
  storyId: string;
  thread: CommentThread;
  doc: Y.Doc;
  author: CommentAuthor;
  canComment: boolean;
  active: boolean;
  onFocus: () => void;
}) {
  const [text, setText] = useState("");
  return (
    <li
      className={`thread${active ? " is-active" : ""}${thread.resolved ? " is-resolved" : ""}`}
      aria-label={`Comment on “${thread.quote}”`}
    >
      <button
        type="button"
        className="comment-quote comment-quote-button"
        onClick={onFocus}
      >
        {thread.quote || "(text removed)"}
      </button>
      <ol className="messages">
        {thread.messages.map((m) => (
          <li key={m.id}>
            <p className="message-meta">
              <strong>{m.author.name}</strong>{" "}
              <time dateTime={m.at}>{newsroomTimeBrief(m.at)}</time>
            </p>
            <p className="message-text">{m.text}</p>
          </li>
        ))}
      </ol>
      {canComment && (
        <div className="thread-actions">
          {!thread.resolved && (
            <form
              className="reply-form"
              onSubmit={(e) => {
                e.preventDefault();
                const id = reply(doc, thread.id, author, text);
                if (id) sendOn(storyId, thread.id, id);
                setText("");
              }}
            >
              <MentionField
                className="input"
                aria-label="Reply"
                placeholder="Reply…"
                value={text}
                onChange={setText}
              />
              <button type="submit" className="button" disabled={!text.trim()}>
                Reply
              </button>
            </form>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => setResolved(doc, thread.id, !thread.resolved)}
          >
            {thread.resolved ? "Reopen" : "Resolve"}
          </button>
        </div>
      )}
    </li>
  );
}
