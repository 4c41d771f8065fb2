import * as Y from "yjs";
import { Y_COMMENTS } from "./names";
import { isBytes, record, text, type ValueType } from "./value-types";

export interface CommentAuthor {
  id: string;
  name: string;
}

export interface CommentMessage {
  id: string;
  author: CommentAuthor;
  text: string;
  at: string;
}

/** A discussion anchored to a range of the story text. */
export interface CommentThread {
  id: string;
  /** Encoded Yjs relative positions of the commented range: they move with the text. */
  anchor: Uint8Array;
  head: Uint8Array;
  /** The commented text when the thread started (shown if the text is later deleted). */
  quote: string;
  resolved: boolean;
  createdAt: string;
  messages: CommentMessage[];
}

export const MAX_COMMENT_LENGTH = 4000;
/** Longest quote of the commented text a thread keeps. */
export const COMMENT_QUOTE_MAX = 300;

/** A message as stored in a thread's `messages` Y.Array. */
export const COMMENT_MESSAGE: ValueType<CommentMessage> = record({
  id: text(64),
  author: record({ id: text(64), name: text(500) }),
  text: text(MAX_COMMENT_LENGTH),
  at: text(64),
});

function threads(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(Y_COMMENTS);
}

function message(author: CommentAuthor, text: string): CommentMessage {
  return {
    id: crypto.randomUUID(),
    author: { id: author.id, name: author.name },
    text: text.trim().slice(0, MAX_COMMENT_LENGTH),
    at: new Date().toISOString(),
  };
}

/** Starts a thread on a range (anchor/head from Y.encodeRelativePosition). Returns its id. */
export function startThread(
  doc: Y.Doc,
  input: {
    anchor: Uint8Array;
    head: Uint8Array;
    quote: string;
    author: CommentAuthor;
    text: string;
  },
): string {
  if (!input.text.trim()) throw new Error("A comment needs text");
  const id = crypto.randomUUID();
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set("anchor", input.anchor);
    thread.set("head", input.head);
    thread.set("quote", input.quote.slice(0, COMMENT_QUOTE_MAX));
    thread.set("resolved", false);
    thread.set("createdAt", new Date().toISOString());
    thread.set("messages", Y.Array.from([message(input.author, input.text)]));
    threads(doc).set(id, thread);
  });
  return id;
}

/** Adds a reply to a thread; returns its message id (null when nothing was added). */
export function reply(
  doc: Y.Doc,
  threadId: string,
  author: CommentAuthor,
  text: string,
): string | null {
  if (!text.trim()) return null;
  const messages = threads(doc).get(threadId)?.get("messages");
  if (!(messages instanceof Y.Array)) return null;
  const added = message(author, text);
  messages.push([added]);
  return added.id;
}

/** Resolves or reopens a thread. */
export function setResolved(
  doc: Y.Doc,
  threadId: string,
  resolved: boolean,
): void {
  threads(doc).get(threadId)?.set("resolved", resolved);
}

/** Every well-formed thread, oldest first. */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const out: CommentThread[] = [];
  threads(doc).forEach((thread, id) => {
    if (!(thread instanceof Y.Map)) return;
    const anchor = thread.get("anchor");
    const head = thread.get("head");
    const messages = thread.get("messages");
    if (!isBytes(anchor) || !isBytes(head) || !(messages instanceof Y.Array))
      return;
    out.push({
      id,
      anchor,
      head,
      quote: stringOr(thread.get("quote"), ""),
      resolved: thread.get("resolved") === true,
      createdAt: stringOr(thread.get("createdAt"), ""),
      messages: messages
        .toArray()
        .filter((m): m is CommentMessage => COMMENT_MESSAGE.test(m)),
    });
  });
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
