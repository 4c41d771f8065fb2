import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reply, setResolved, startThread } from "./comments";
import { checkStoryDocument } from "./document-check";
import { figureJson } from "./figure";
import { addByline, addTag, removeTag, setDateline, setSection } from "./meta";
import { bodySchema, singleLineSchema } from "./schema";
import { readBody } from "./story-document";
import { craftUpdate, type CraftedStruct } from "./update-crafting";
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

describe("what Yjs itself would do", () => {
  it("is harmless when an item's origin was garbage collected: it never integrates", () => {
    const server = story();
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const textItem = (firstText(offline)._start as Y.Item).id;
    // The server deletes the paragraph (its text is collected); the offline client types on.
    body(server).delete(0, 1);
    firstText(offline).insert(5, "!");
    const typed = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server));
    expect(checkStoryUpdate(server, typed, writer)).toEqual({
      ok: true,
      addedBytes: 0,
    });
    // A hostile struct hung on the collected text: Yjs turns it into garbage too.
    const hostile = craftUpdate([
      {
        client: 999,
        clock: 0,
        structs: [{ origin: textItem, content: { type: 3, name: "script" } }],
      },
    ]);
    expect(checkStoryUpdate(server, hostile, writer)).toEqual({
      ok: true,
      addedBytes: 0,
    });
    Y.applyUpdate(server, hostile);
    expect(checkStoryDocument(server)).toEqual([]);
    expect(body(server).toString()).not.toContain("script");
    // Yjs looks for what is missing before it looks at what was collected.
    const waiting = craftUpdate([
      {
        client: 1000,
        clock: 0,
        structs: [
          {
            origin: textItem,
            rightOrigin: { client: 4242, clock: 0 },
            content: { string: "x" },
          },
        ],
      },
    ]);
    expect(checkStoryUpdate(server, waiting, writer)).toEqual({
      ok: "unresolvable",
    });
  });

  it("cannot place an update built on structs nobody sent: unresolvable", () => {
    const server = story();
    const missing = { client: 4242, clock: 7 };
    expect(
      checkStoryUpdate(
        server,
        craftUpdate([
          {
            client: 999,
            clock: 0,
            structs: [{ origin: missing, content: { string: "x" } }],
          },
        ]),
        writer,
      ),
    ).toEqual({ ok: "unresolvable" });
    // A gap in the client's own clock: Yjs would keep the rest pending.
    expect(
      checkStoryUpdate(
        server,
        craftUpdate([
          {
            client: 999,
            clock: 5,
            structs: [
              { content: { any: [1] }, parent: "meta", parentSub: "section" },
            ],
          },
        ]),
        writer,
      ),
    ).toEqual({ ok: "unresolvable" });
    // Two clients waiting for each other.
    expect(
      checkStoryUpdate(
        server,
        craftUpdate([
          {
            client: 1001,
            clock: 0,
            structs: [
              { origin: { client: 1002, clock: 0 }, content: { string: "a" } },
            ],
          },
          {
            client: 1002,
            clock: 0,
            structs: [
              { origin: { client: 1001, clock: 0 }, content: { string: "b" } },
            ],
          },
        ]),
        writer,
      ),
    ).toEqual({ ok: "unresolvable" });
  });

  it("leaves nothing pending: a known struct waiting for a missing one, garbage after a gap", () => {
    const server = story();
    const known = firstText(server)._start as Y.Item;
    const run = (client: number, clock: number, structs: CraftedStruct[]) =>
      checkStoryUpdate(
        server,
        craftUpdate([{ client, clock, structs }]),
        writer,
      );
    // Yjs skips a struct it holds only after finding what it refers to.
    expect(
      run(known.id.client, known.id.clock, [
        { origin: { client: 4242, clock: 3 }, content: { string: "R" } },
      ]),
    ).toEqual({ ok: "unresolvable" });
    expect(run(999, 5, [{ content: { gc: 2 } }])).toEqual({
      ok: "unresolvable",
    });
    expect(run(999, 0, [{ content: { gc: 2 } }])).toEqual({
      ok: true,
      addedBytes: 0,
    });
  });

  it("deletes only what the document or the update holds", () => {
    const server = story();
    const text = firstText(server)._start as Y.Item;
    const deleting = (client: number, clock: number, length: number) =>
      checkStoryUpdate(
        server,
        craftUpdate([], [[client, [[clock, length]]]]),
        writer,
      );
    expect(deleting(text.id.client, text.id.clock, 2)).toEqual({
      ok: true,
      addedBytes: 0,
    });
    // Yjs would delete another writer's next edit when it arrives.
    const next = Y.getState(server.store, text.id.client);
    expect(deleting(text.id.client, next, 5)).toEqual({ ok: "unresolvable" });
    expect(deleting(4242, 0, 1)).toEqual({ ok: "unresolvable" });
    expect(deleting(text.id.client, next, 0)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/empty delete range/),
    });
    // A client's own new text, typed and deleted in one update.
    const update = edit(server, (d) => {
      firstText(d).insert(0, "typo");
      firstText(d).delete(0, 4);
    });
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: true,
    });
  });

  it("never trusts a decoded value's prototype", () => {
    const server = story();
    // lib0 decodes an object's "__proto__" key by setting its prototype.
    const value = JSON.parse('{"__proto__": {"length": 5}}') as object;
    Object.defineProperty(value, "__proto__", {
      value: new Uint8Array(3),
      enumerable: true,
    });
    const update = craftUpdate([
      {
        client: 999,
        clock: 0,
        structs: [
          {
            parent: { ...(figure(server)._item as Y.Item).id },
            parentSub: "width",
            content: { any: [value] },
          },
        ],
      },
    ]);
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/attribute width .*got an object/),
    });
  });

  it("places items through their origin, found in the update or in the document", () => {
    const server = story();
    const text = (firstText(server)._start as Y.Item).id;
    const run = (structs: Parameters<typeof craftUpdate>[0][0]["structs"]) =>
      craftUpdate([{ client: 999, clock: 0, structs }]);
    // After a character of the paragraph: text content fits, a node does not.
    expect(
      checkStoryUpdate(
        server,
        run([{ origin: text, content: { string: "ok" } }]),
        writer,
      ),
    ).toMatchObject({ ok: true });
    expect(
      checkStoryUpdate(
        server,
        run([{ origin: text, content: { type: 3, name: "paragraph" } }]),
        writer,
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/text holds only characters/),
    });
    // Chained through an item of the same update that went straight into the body.
    expect(
      checkStoryUpdate(
        server,
        run([
          { parent: "body", content: { type: 3, name: "paragraph" } },
          { origin: { client: 999, clock: 0 }, content: { type: 6 } },
        ]),
        writer,
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^body: text cannot stand/),
    });
    // And through a right origin.
    expect(
      checkStoryUpdate(
        server,
        run([{ rightOrigin: text, content: { format: "bold", value: 1 } }]),
        writer,
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/mark bold must be an object/),
    });
  });

  it("refuses what Yjs could not apply as decoded", () => {
    const server = story();
    const check = (update: Uint8Array) =>
      (checkStoryUpdate(server, update, writer) as { reason: string }).reason;
    expect(check(new Uint8Array([5, 1, 2]))).toMatch(/^malformed update/);
    const once = {
      client: 999,
      clock: 0,
      structs: [
        { parent: "meta", parentSub: "section", content: { any: ["a"] } },
      ],
    };
    expect(check(craftUpdate([once, once]))).toMatch(/appears twice/);
    expect(
      check(
        craftUpdate([
          { ...once, structs: [{ parent: "body", content: { string: "" } }] },
        ]),
      ),
    ).toMatch(/empty struct/);
    expect(
      check(
        craftUpdate([
          {
            ...once,
            structs: [
              {
                parent: "meta",
                parentSub: "dateline",
                content: { any: ["a"] },
              },
              { origin: { client: 999, clock: 5 }, content: { any: ["b"] } },
            ],
          },
        ]),
      ),
    ).toMatch(/refers to a later one of its client/);
    expect(
      check(
        craftUpdate([
          { ...once, structs: [{ parent: "body", content: { type: 9 } }] },
        ]),
      ),
    ).toMatch(/unknown type reference/);
    expect(
      check(
        craftUpdate([
          { ...once, structs: [{ parent: "body", content: { json: [1] } }] },
        ]),
      ),
    ).toMatch(/body holds only nodes and text, got json content/);
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
