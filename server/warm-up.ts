import * as Y from "yjs";
import { applyAll } from "../lib/db/documents";
import { Y_BODY } from "../lib/editor/names";
import { encodeInitialStoryDocument } from "../lib/editor/story-document";

const PARAGRAPHS = 100;

/**
 * A throwaway story as the store holds a long-edited one: a compacted snapshot (every kind of
 * content a story has: fields, marks, meta, short runs of typed text, some deleted) followed by
 * single-keystroke rows. Code that meets a new kind of content late is optimised again.
 */
function throwawayStoryRows(): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
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
        ],
      },
      meta: {
        tags: ["warm-up"],
        bylines: [{ name: "A", email: "a@example.org" }],
      },
    }),
  );
  const body = doc.getXmlFragment(Y_BODY);
  doc.transact(() => {
    for (let p = 1; p < PARAGRAPHS; p++) {
      const text = new Y.XmlText("");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [text]);
      body.insert(p, [paragraph]);
      for (let k = 0; k < 60; k++) {
        text.insert(Math.floor(text.length / 2), "word ");
        if (k % 3 === 0) text.delete(Math.floor(text.length / 3), 2);
      }
      text.format(0, 4, { italic: {} });
    }
  });
  const rows = [Y.encodeStateAsUpdate(doc)];
  doc.on("update", (update: Uint8Array) => rows.push(update));
  const first = (body.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  for (let k = 0; k < 300; k++) first.insert(k, "x");
  doc.destroy();
  return rows;
}

/** Applies the rows to a new document and encodes the reply a new client gets, as an open does. */
function openThrowaway(rows: readonly Uint8Array[]): void {
  const doc = new Y.Doc({ gc: true });
  applyAll(doc, rows);
  const reply = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
  doc.destroy();
  const copy = new Y.Doc();
  Y.applyUpdate(copy, reply);
  // A check, so that a Yjs change that breaks this path fails loudly at start.
  const paragraphs = copy.getXmlFragment(Y_BODY).length;
  copy.destroy();
  if (paragraphs !== PARAGRAPHS)
    throw new Error("warm-up: the throwaway story did not round-trip");
}

/**
 * Runs the code a story's first open needs (applying stored rows, encoding the reply to a new
 * client) on a throwaway story, `rounds` times, one round per turn of the event loop so that a
 * client connecting meanwhile waits for one round at most. V8 optimises a function only after
 * it has run a while: without this, the first long story opened after a start took about twice
 * as long as later opens (bench/README.md). Resolves to the time it took (ms).
 */
export async function warmUpDocumentCode(rounds = 3): Promise<number> {
  const started = performance.now();
  const rows = throwawayStoryRows();
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    openThrowaway(rows);
  }
  return performance.now() - started;
}
