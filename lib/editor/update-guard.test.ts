import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reply, setResolved, startThread } from "./comments";
import { figureJson } from "./figure";
import { addByline, addTag, removeTag, setDateline, setSection } from "./meta";
import { bodySchema, singleLineSchema } from "./schema";
import { readBody } from "./story-document";
import { checkStoryUpdate, MAX_STRUCT_CHARS } from "./update-guard";
import {
  accept,
  body,
  edit,
  element,
  figure,
  firstText,
  photo,
  story,
  writeBody,
  writer,
} from "./update-guard.fixtures";

describe("updates the honest editor sends", () => {
  it("are accepted: typing, marks, new blocks of every kind, headline", () => {
    const server = story();
    const typed = accept(
      server,
      edit(server, (d) => firstText(d).insert(5, " Wind.")),
    );
    expect(typed).toBeGreaterThan(6);
    expect(typed).toBeLessThan(40);
    accept(
      server,
      edit(server, (d) => firstText(d).format(0, 4, { bold: {} })),
    );
    const json = readBody(server).toJSON() as JSONContent;
    json.content!.push(
      {
        type: "heading",
        attrs: { level: 3 },
        content: [{ type: "text", text: "Sub" }],
      },
      {
        type: "paragraph",
        content: [
          {
            type: "text",
            text: "see",
            marks: [
              { type: "italic" },
              { type: "link", attrs: { href: "https://example.com/a" } },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: [
          {
            type: "listItem",
            content: [
              { type: "paragraph", content: [{ type: "text", text: "n" }] },
              { type: "blockquote", content: [{ type: "paragraph" }] },
            ],
          },
        ],
      },
      { type: "horizontalRule" },
      figureJson({
        src: photo,
        alt: "A boat",
        credit: "Reuters",
        caption: [{ type: "text", text: "Boat", marks: [{ type: "bold" }] }],
      }),
    );
    accept(
      server,
      edit(server, (d) => writeBody(d, json)),
    );
    expect(readBody(server).toJSON()).toEqual(
      bodySchema().nodeFromJSON(json).toJSON(),
    );
    accept(
      server,
      edit(server, (d) =>
        updateYFragment(
          d,
          d.getXmlFragment("headline"),
          singleLineSchema().nodeFromJSON({
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "text", text: "Big", marks: [{ type: "italic" }] },
                ],
              },
            ],
          }),
          { mapping: new Map(), isOMark: new Map() },
        ),
      ),
    );
    accept(
      server,
      edit(server, (d) => {
        const credit = figure(d).get(1) as Y.XmlElement;
        (credit.get(0) as Y.XmlText).insert(0, "Reuters/");
      }),
    );
  });

  it("are accepted: details and comments through their helpers", () => {
    const server = story();
    accept(
      server,
      edit(server, (d) => addTag(d, "ferries")),
    );
    accept(
      server,
      edit(server, (d) => removeTag(d, "storm")),
    );
    accept(
      server,
      edit(server, (d) => addByline(d, { name: "Min", email: "" })),
    );
    accept(
      server,
      edit(server, (d) => setSection(d, "Weather")),
    );
    accept(
      server,
      edit(server, (d) => setDateline(d, "BUSAN")),
    );
    let thread = "";
    accept(
      server,
      edit(server, (d) => {
        const text = firstText(d);
        thread = startThread(d, {
          anchor: Y.encodeRelativePosition(
            Y.createRelativePositionFromTypeIndex(text, 0),
          ),
          head: Y.encodeRelativePosition(
            Y.createRelativePositionFromTypeIndex(text, 4),
          ),
          quote: "Rain",
          author: writer,
          text: "Source?",
        });
      }),
    );
    accept(
      server,
      edit(server, (d) => reply(d, thread, writer, "Met office")),
    );
    accept(
      server,
      edit(server, (d) => setResolved(d, thread, true)),
    );
  });

  it("are accepted: a legacy plain tag list converted, deletions of anything", () => {
    const server = story();
    Y.applyUpdate(
      server,
      edit(server, (d) => d.getMap("meta").set("tags", ["old", 5, ""])),
    );
    accept(
      server,
      edit(server, (d) => addTag(d, "new")),
    );
    accept(
      server,
      edit(server, (d) => body(d).delete(0, 2)),
    );
  });

  it("are accepted: a long block's second text run moved into its first, as y-prosemirror does", () => {
    const server = story();
    const half = "x".repeat(MAX_STRUCT_CHARS / 2 + 10);
    accept(
      server,
      edit(server, (d) => element(d, 0).insert(1, [new Y.XmlText(half)])),
    );
    accept(
      server,
      edit(server, (d) => (element(d, 0).get(1) as Y.XmlText).insert(0, half)),
    );
    // More than one update may add, but none is added: the run moves.
    const merge = (d: Y.Doc) => {
      const [first, second] = element(d, 0).toArray() as Y.XmlText[];
      first!.insert(first!.length, second!.toString());
      element(d, 0).delete(1, 1);
    };
    const update = Y.mergeUpdates(updatesOf(server, merge));
    accept(server, update);
    expect(element(server, 0).length).toBe(1);
    expect(firstText(server).length).toBe(5 + 2 * half.length);
    // A block over the limit still takes a keystroke, and can become a heading.
    accept(
      server,
      edit(server, (d) => firstText(d).insert(0, "y")),
    );
    const json = readBody(server).toJSON() as JSONContent;
    json.content![0]!.type = "heading";
    json.content![0]!.attrs = { level: 2 };
    const heading = Y.mergeUpdates(
      updatesOf(server, (d) => writeBody(d, json)),
    );
    // Even when someone else deleted the block meanwhile: the writer rewrote what it saw.
    const meanwhile = new Y.Doc();
    Y.applyUpdate(meanwhile, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(
      meanwhile,
      edit(meanwhile, (d) => body(d).delete(0, 1)),
    );
    expect(checkStoryUpdate(meanwhile, heading, writer)).toMatchObject({
      ok: true,
    });
    accept(server, heading);
    expect(element(server, 0).nodeName).toBe("heading");
  });

  it("are accepted whole: a new story's full state, as a first sync sends it", () => {
    const server = new Y.Doc();
    const update = Y.encodeStateAsUpdate(story());
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: true,
    });
    // What the server already holds adds nothing.
    Y.applyUpdate(server, update);
    expect(checkStoryUpdate(server, update, writer)).toEqual({
      ok: true,
      addedBytes: 0,
    });
  });

  it("are accepted whole: a long story's full state, moved text runs included", () => {
    const client = story();
    const sentence =
      "The ferry service was cancelled as the storm approached. ";
    const json = readBody(client).toJSON() as JSONContent;
    for (let i = 0; i < 1500; i++)
      json.content!.push({
        type: "paragraph",
        content: [{ type: "text", text: sentence }],
      });
    writeBody(client, json);
    const long = "x".repeat(MAX_STRUCT_CHARS / 2 + 10);
    element(client, 0).insert(1, [new Y.XmlText(long)]);
    (element(client, 0).get(1) as Y.XmlText).insert(0, long);
    const [first, second] = element(client, 0).toArray() as Y.XmlText[];
    first!.insert(first!.length, second!.toString());
    element(client, 0).delete(1, 1);
    const update = Y.encodeStateAsUpdate(client);
    expect(readBody(client).textContent.length).toBeGreaterThan(
      2 * MAX_STRUCT_CHARS,
    );
    expect(checkStoryUpdate(new Y.Doc(), update, writer)).toMatchObject({
      ok: true,
    });
  });
});

/** The updates `change` emits, transaction by transaction, as the browser sends them. */
function updatesOf(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array[] {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on("update", (u: Uint8Array) => updates.push(u));
  client.transact(() => change(client));
  return updates;
}
