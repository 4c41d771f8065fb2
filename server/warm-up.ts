import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { signCollabToken, verifyCollabToken } from "../lib/collab/token";
import { applyAll } from "../lib/db/documents";
import { Y_BODY } from "../lib/editor/names";
import { checkStoryDocument } from "../lib/editor/document-check";
import { encodeInitialStoryDocument } from "../lib/editor/story-document";
import { checkStoryUpdate } from "../lib/editor/update-guard";

const PARAGRAPHS = 100;

/**
 * Types `count` keystrokes into the body as an editor does, one transaction each: letters at a
 * cursor, now and then two backspaces, a word made italic, the cursor moving to another
 * paragraph. Deterministic, so the story always has the same shape.
 */
function typeKeystrokes(doc: Y.Doc, count: number, start: number): void {
  const body = doc.getXmlFragment(Y_BODY);
  const textOf = (p: number) =>
    (body.get(p) as Y.XmlElement).get(0) as Y.XmlText;
  let paragraph = start;
  let cursor = 0;
  for (let k = 0; k < count; k++) {
    let text = textOf(paragraph);
    if (k % 97 === 96) {
      paragraph = 1 + ((paragraph * 31 + k) % (PARAGRAPHS - 1));
      text = textOf(paragraph);
      cursor = Math.floor(text.length / 2);
    }
    if (k % 13 >= 11 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor -= 1;
    } else if (k % 211 === 210 && cursor >= 4) {
      text.format(cursor - 4, 4, { italic: {} });
    } else {
      text.insert(cursor, k % 6 === 5 ? " " : "e");
      cursor += 1;
    }
  }
}

/**
 * A throwaway story as the store holds a long-edited one: a compacted snapshot (every kind of
 * content a story has: fields, marks, meta, text typed by a co-author with deletions), then a
 * colleague's latest keystrokes, one row each. Every kind, so that no code meets one first in
 * the middle of a real open (and is optimised again, or thrown away, there).
 */
function throwawayStoryRows(): Uint8Array[] {
  const created = new Y.Doc();
  Y.applyUpdate(
    created,
    encodeInitialStoryDocument({
      headline: "Warm-up",
      deck: "A story nobody reads",
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Plain, " },
              { type: "text", marks: [{ type: "bold" }], text: "bold" },
              {
                type: "text",
                marks: [
                  { type: "link", attrs: { href: "https://example.org/" } },
                ],
                text: " and linked",
              },
            ],
          },
          ...Array.from({ length: PARAGRAPHS - 1 }, () => ({
            type: "paragraph",
          })),
        ],
      },
      meta: {
        tags: ["warm-up"],
        bylines: [{ name: "A", email: "a@example.org" }],
      },
    }),
  );
  const coAuthor = new Y.Doc();
  Y.applyUpdate(coAuthor, Y.encodeStateAsUpdate(created));
  created.destroy();
  typeKeystrokes(coAuthor, 3000, 1);
  const rows = [Y.encodeStateAsUpdate(coAuthor)];
  const colleague = new Y.Doc();
  Y.applyUpdate(colleague, rows[0]!);
  coAuthor.destroy();
  colleague.on("update", (update: Uint8Array) => rows.push(update));
  typeKeystrokes(colleague, 300, 2);
  colleague.destroy();
  return rows;
}

/**
 * One object of each kind the open path makes and drops (a story with content, a transaction
 * that inserted, deleted and formatted, update encoder and decoder), kept for the life of the
 * process: V8 drops code optimised for a shape once its last object is collected, so a full
 * collection while no story is open would undo the warm-up (bench/README.md).
 */
let retained: readonly unknown[] = [];

/** What the warm-up keeps alive (empty until it has run). */
export function retainedForOptimisedCode(): readonly unknown[] {
  return retained;
}

/** Applies the rows to a new document and encodes the reply a new client gets, as an open does. */
function openThrowaway(rows: readonly Uint8Array[], retain: boolean): void {
  const doc = new Y.Doc({ gc: true });
  applyAll(doc, rows);
  // Rooms listen for updates once loaded: Yjs then encodes each transaction's update.
  doc.on("update", () => {});
  const reply = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, reply);
  // A check, so that a Yjs change that breaks this path fails loudly at start.
  const paragraphs = copy.getXmlFragment(Y_BODY).length;
  // What a load and a keystroke run too: the schema walk, and the check of a client's update.
  let keystroke: Uint8Array | null = null;
  copy.on("update", (update: Uint8Array) => {
    keystroke = update;
  });
  (
    (copy.getXmlFragment(Y_BODY).get(1) as Y.XmlElement).get(0) as Y.XmlText
  ).insert(0, "x");
  copy.destroy();
  if (paragraphs !== PARAGRAPHS)
    throw new Error("warm-up: the throwaway story did not round-trip");
  if (
    checkStoryDocument(doc).length > 0 ||
    checkStoryUpdate(doc, keystroke!, { id: "warm-up", name: "" }).ok !== true
  )
    throw new Error("warm-up: the throwaway story does not fit its schema");
  if (!retain) {
    doc.destroy();
    return;
  }
  const text = (doc.getXmlFragment(Y_BODY).get(2) as Y.XmlElement).get(
    0,
  ) as Y.XmlText;
  let transaction: Y.Transaction | null = null;
  doc.transact((tr) => {
    text.insert(0, "typed ");
    text.delete(3, 2);
    text.format(0, 2, { bold: {} });
    transaction = tr;
  });
  retained = [
    doc,
    transaction,
    new Y.UpdateEncoderV1(),
    new Y.UpdateDecoderV1(decoding.createDecoder(reply)),
  ];
}

/**
 * Signs and verifies a throwaway collaboration token, before the document code is warmed: the
 * first use of WebCrypto in a process (jose uses it) makes V8 throw that code's optimisations
 * away (bench/README.md).
 */
async function checkThrowawayToken(): Promise<void> {
  // The upgrade's URL too: its first query string parse has the same effect on URL code.
  new URL("/warm-up?token=t&ack=1", "http://collab.invalid").searchParams.get(
    "token",
  );
  const secret = "warm-up: a throwaway key for a token nobody receives";
  const token = await signCollabToken(
    {
      userId: "warm-up",
      name: "",
      color: "#000000",
      storyId: "warm-up",
      readOnly: true,
      generation: 0,
    },
    secret,
  );
  await verifyCollabToken(token, secret);
}

/**
 * Prepares the code a story's first open runs, so that the first open after a start is not
 * slow (V8 optimises a function only after it has run a while; bench/README.md): the token
 * check first (above), then applying stored rows and encoding the reply to a new client on a
 * throwaway story, `rounds` times, one round per turn of the event loop so that a client
 * connecting meanwhile waits for one round at most. Keeps the last round's objects alive
 * (`retained`). Resolves to the time it took (ms).
 */
export async function warmUpDocumentCode(rounds = 3): Promise<number> {
  const started = performance.now();
  await checkThrowawayToken();
  const rows = throwawayStoryRows();
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    openThrowaway(rows, i === rounds - 1);
  }
  return performance.now() - started;
}
