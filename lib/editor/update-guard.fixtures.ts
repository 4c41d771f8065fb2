import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import { expect } from "vitest";
import * as Y from "yjs";
import { checkStoryDocument } from "./document-check";
import { figureJson } from "./figure";
import { bodySchema } from "./schema";
import { encodeInitialStoryDocument } from "./story-document";
import { checkStoryUpdate } from "./update-guard";

/** Fixtures of the update guard's tests: a story, and updates made against it. */

export const writer = { id: "u-rita", name: "Rita Reporter" };
export const photo = "/uploads/0123456789abcdef0123456789abcdef.jpg";

export function story(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    encodeInitialStoryDocument({
      headline: "Storm warning",
      deck: "Ferries cancelled",
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Rain." }] },
          figureJson({
            src: photo,
            credit: "AP",
            width: 8,
            height: 6,
            caption: "Caption",
          }),
          {
            type: "bulletList",
            content: [
              {
                type: "listItem",
                content: [
                  { type: "paragraph", content: [{ type: "text", text: "x" }] },
                ],
              },
            ],
          },
          {
            type: "blockquote",
            content: [
              { type: "paragraph", content: [{ type: "text", text: "q" }] },
            ],
          },
        ],
      },
      meta: { tags: ["storm"], bylines: [{ name: "Rita", email: "r@x" }] },
    }),
  );
  return doc;
}

/** What `change`, made by a client holding everything `server` holds, sends back. */
export function edit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  change(client);
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

export function accept(server: Y.Doc, update: Uint8Array): number {
  const verdict = checkStoryUpdate(server, update, writer);
  expect(verdict).toMatchObject({ ok: true });
  Y.applyUpdate(server, update);
  expect(checkStoryDocument(server)).toEqual([]);
  return (verdict as { addedBytes: number }).addedBytes;
}

export function refusal(server: Y.Doc, change: (doc: Y.Doc) => void): string {
  const verdict = checkStoryUpdate(server, edit(server, change), writer);
  expect(verdict.ok).toBe(false);
  return (verdict as { reason: string }).reason;
}

export const body = (doc: Y.Doc) => doc.getXmlFragment("body");
export const element = (doc: Y.Doc, i: number) =>
  body(doc).get(i) as Y.XmlElement;
export const figure = (doc: Y.Doc) => element(doc, 1);
export const firstText = (doc: Y.Doc) => element(doc, 0).get(0) as Y.XmlText;

/** The body rewritten as `json`, the way the browser's binding writes an edit. */
export function writeBody(doc: Y.Doc, json: JSONContent): void {
  updateYFragment(doc, body(doc), bodySchema().nodeFromJSON(json), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}
