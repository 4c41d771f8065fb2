/**
 * What checkStoryUpdate costs, beside what applying the same update costs:
 *   npx tsx lib/editor/update-guard.measure.ts
 * - a keystroke: one character typed after the writer's previous one (its origin is in the
 *   document's store), in a story of 1,000 paragraphs;
 * - a first sync step 2: a whole story of 1,000 paragraphs (with marks, links and figures)
 *   sent to a server that has none of it;
 * - a load: the walk the collaboration server makes of every story it loads (repairing it when
 *   off the schema), beside applying the stored story.
 */
import { prosemirrorToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { bodySchema } from "./schema";
import { checkStoryDocument } from "./document-check";
import { checkStoryUpdate } from "./update-guard";
import { figureJson } from "./figure";

const writer = { id: "u-1", name: "Rita Reporter" };
const sentence =
  "The ferry service between Busan and Jeju was cancelled on Friday as the storm approached, officials said. ";

function story(paragraphs: number): Y.Doc {
  const doc = new Y.Doc();
  const content = Array.from({ length: paragraphs }, (_, i) =>
    i % 50 === 25
      ? figureJson({
          src: "/uploads/0123456789abcdef0123456789abcdef.jpg",
          width: 1600,
          height: 900,
          caption: "Boats stayed in port.",
          credit: "Yonhap",
          alt: "Boats in the harbour",
        })
      : {
          type: "paragraph",
          content: [
            { type: "text", text: sentence },
            { type: "text", text: "Officials", marks: [{ type: "bold" }] },
            {
              type: "text",
              text: " said more.",
              marks: [{ type: "link", attrs: { href: "https://example.com" } }],
            },
          ],
        },
  );
  prosemirrorToYXmlFragment(
    bodySchema().nodeFromJSON({ type: "doc", content }),
    doc.getXmlFragment("body"),
  );
  return doc;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function keystrokes(): void {
  const server = story(1000);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on("update", (u: Uint8Array) => updates.push(u));
  const text = (client.getXmlFragment("body").get(500) as Y.XmlElement).get(
    0,
  ) as Y.XmlText;
  for (let i = 0; i < 20_000; i++) text.insert(10 + i, "abcdefghij"[i % 10]!);
  const check: number[] = [];
  const apply: number[] = [];
  for (const [i, update] of updates.entries()) {
    let t = performance.now();
    const verdict = checkStoryUpdate(server, update, writer);
    const checked = performance.now() - t;
    if (verdict.ok !== true) throw new Error(JSON.stringify(verdict));
    t = performance.now();
    Y.applyUpdate(server, update);
    const applied = performance.now() - t;
    // The first few thousand warm the code up.
    if (i >= 5_000) {
      check.push(checked);
      apply.push(applied);
    }
  }
  const us = (ms: number) => (ms * 1000).toFixed(2);
  console.log(
    `keystroke (${updates[0]!.length} bytes): check ${us(median(check))} µs median, ` +
      `${us(check.reduce((a, b) => a + b) / check.length)} µs mean; ` +
      `Y.applyUpdate ${us(median(apply))} µs median`,
  );
}

function firstSync(): void {
  const update = Y.encodeStateAsUpdate(story(1000));
  const check: number[] = [];
  const apply: number[] = [];
  for (let i = 0; i < 30; i++) {
    const server = new Y.Doc();
    let t = performance.now();
    const verdict = checkStoryUpdate(server, update, writer);
    check.push(performance.now() - t);
    if (verdict.ok !== true) throw new Error(JSON.stringify(verdict));
    t = performance.now();
    Y.applyUpdate(server, update);
    apply.push(performance.now() - t);
  }
  console.log(
    `sync step 2 of 1,000 paragraphs (${update.length} bytes): check ` +
      `${median(check.slice(10)).toFixed(2)} ms median; Y.applyUpdate ` +
      `${median(apply.slice(10)).toFixed(2)} ms median`,
  );
}

function load(): void {
  const update = Y.encodeStateAsUpdate(story(1000));
  const check: number[] = [];
  const apply: number[] = [];
  for (let i = 0; i < 30; i++) {
    const server = new Y.Doc();
    let t = performance.now();
    Y.applyUpdate(server, update);
    apply.push(performance.now() - t);
    t = performance.now();
    const found = checkStoryDocument(server);
    check.push(performance.now() - t);
    if (found.length > 0) throw new Error(JSON.stringify(found));
  }
  console.log(
    `load of 1,000 paragraphs: checkStoryDocument ${median(check.slice(10)).toFixed(2)} ms ` +
      `median; Y.applyUpdate ${median(apply.slice(10)).toFixed(2)} ms median`,
  );
}

keystrokes();
firstSync();
load();
