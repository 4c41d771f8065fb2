import type { JSONContent } from "@tiptap/core";
import { updateYFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reply, setResolved, startThread } from "./comments";
import { addByline, addTag, removeTag, setDateline, setSection } from "./meta";
import { bodySchema, singleLineSchema } from "./schema";
import { encodeInitialStoryDocument, readBody } from "./story-document";
import { checkStoryDocument } from "./document-check";
import { craftUpdate } from "./update-crafting";
import { checkStoryUpdate, MAX_STRUCT_BYTES } from "./update-guard";

const writer = { id: "u-rita", name: "Rita Reporter" };
const photo = "/uploads/0123456789abcdef0123456789abcdef.jpg";

function story(): Y.Doc {
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
          {
            type: "figure",
            attrs: { src: photo, alt: "", credit: "AP", width: 8, height: 6 },
            content: [{ type: "text", text: "Caption" }],
          },
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
function edit(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  change(client);
  return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

function accept(server: Y.Doc, update: Uint8Array): number {
  const verdict = checkStoryUpdate(server, update, writer);
  expect(verdict).toMatchObject({ ok: true });
  Y.applyUpdate(server, update);
  expect(checkStoryDocument(server)).toEqual([]);
  return (verdict as { addedBytes: number }).addedBytes;
}

function refusal(server: Y.Doc, change: (doc: Y.Doc) => void): string {
  const verdict = checkStoryUpdate(server, edit(server, change), writer);
  expect(verdict.ok).toBe(false);
  return (verdict as { reason: string }).reason;
}

const body = (doc: Y.Doc) => doc.getXmlFragment("body");
const element = (doc: Y.Doc, i: number) => body(doc).get(i) as Y.XmlElement;
const figure = (doc: Y.Doc) => element(doc, 1);
const firstText = (doc: Y.Doc) => element(doc, 0).get(0) as Y.XmlText;

/** The body rewritten as `json`, the way the browser's binding writes an edit. */
function writeBody(doc: Y.Doc, json: JSONContent): void {
  updateYFragment(doc, body(doc), bodySchema().nodeFromJSON(json), {
    mapping: new Map(),
    isOMark: new Map(),
  });
}

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
      {
        type: "figure",
        attrs: { src: photo, alt: "A boat", credit: "Reuters", width: null },
        content: [{ type: "text", text: "Boat", marks: [{ type: "bold" }] }],
      },
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
      edit(server, (d) => figure(d).setAttribute("credit", "")),
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
});

describe("updates putting anything else into a story are refused", () => {
  const cases: [string, (d: Y.Doc) => void, RegExp][] = [
    [
      "credit as a Y.Array",
      (d) => figure(d).setAttribute("credit", new Y.Array() as never),
      /figure: attribute credit must be text.*got a shared type/,
    ],
    [
      "credit as a number",
      (d) => figure(d).setAttribute("credit", 5 as never),
      /attribute credit must be text.*got 5/,
    ],
    [
      "credit as an object",
      (d) => figure(d).setAttribute("credit", { a: 1 } as never),
      /attribute credit .*got an object/,
    ],
    [
      "credit as a nested array (a rendering spec)",
      (d) =>
        figure(d).setAttribute("credit", [
          "script",
          {},
          ["x", "alert(1)"],
        ] as never),
      /attribute credit .*got an array/,
    ],
    [
      "credit as bytes",
      (d) => figure(d).setAttribute("credit", new Uint8Array(3) as never),
      /attribute credit .*got 3 bytes/,
    ],
    [
      "a figure image from elsewhere",
      (d) => figure(d).setAttribute("src", "https://evil.example/x.jpg"),
      /attribute src must be the URL of one of our uploads/,
    ],
    [
      "credit longer than allowed",
      (d) => figure(d).setAttribute("credit", "x".repeat(301)),
      /got text of 301 characters/,
    ],
    [
      "an unknown attribute",
      (d) => element(d, 0).setAttribute("onclick", "x"),
      /paragraph: unknown attribute "onclick"/,
    ],
    [
      "a heading level 1",
      (d) => {
        const h = new Y.XmlElement("heading");
        h.setAttribute("level", 1 as never);
        body(d).insert(0, [h]);
      },
      /heading: attribute level must be one of 2, 3, got 1/,
    ],
    [
      "an unknown node",
      (d) => body(d).insert(0, [new Y.XmlElement("script")]),
      /body: unknown node "script"/,
    ],
    [
      "a list item straight in the body",
      (d) => body(d).insert(0, [new Y.XmlElement("listItem")]),
      /body: "listItem" cannot stand here/,
    ],
    [
      "a paragraph straight in a list",
      (d) => element(d, 2).insert(0, [new Y.XmlElement("paragraph")]),
      /bulletList: "paragraph" cannot stand here/,
    ],
    [
      "bare text in the body",
      (d) => body(d).insert(0, [new Y.XmlText("bare")]),
      /^body: text cannot stand directly here/,
    ],
    [
      "bare text in the headline",
      (d) => d.getXmlFragment("headline").insert(0, [new Y.XmlText("bare")]),
      /^headline: text cannot stand directly here/,
    ],
    [
      "bare text in a list",
      (d) => element(d, 2).insert(0, [new Y.XmlText("bare")]),
      /bulletList: text cannot stand directly here/,
    ],
    [
      "bare text in a quote",
      (d) => element(d, 3).insert(1, [new Y.XmlText("bare")]),
      /blockquote: text cannot stand directly here/,
    ],
    [
      "an unknown top-level name",
      (d) => d.getMap("evil").set("x", 1),
      /unknown top-level name "evil"/,
    ],
    [
      "keyed values in the body",
      (d) => d.getMap("body").set("x", 1),
      /^body has no attributes|body: unknown attribute "x"/,
    ],
    [
      "a list in meta",
      (d) => d.getArray("meta").insert(0, [1]),
      /^meta holds only keyed values/,
    ],
    [
      "meta.section as an array",
      (d) => d.getMap("meta").set("section", ["a"]),
      /meta › section must be text .*got an array/,
    ],
    [
      "an unknown meta key",
      (d) => d.getMap("meta").set("script", "x"),
      /meta: unknown key "script"/,
    ],
    [
      "a tag that is not text",
      (d) => (d.getMap("meta").get("tags") as Y.Array<unknown>).push([{}]),
      /meta › tags holds a tag/,
    ],
    [
      "bylines as a map",
      (d) => d.getMap("meta").set("bylines", new Y.Map()),
      /meta › bylines must be .*got a shared type/,
    ],
    [
      "a comment signed by someone else",
      (d) =>
        startThread(d, {
          anchor: new Uint8Array(2),
          head: new Uint8Array(2),
          quote: "",
          author: { id: "u-ed", name: "Ed" },
          text: "hi",
        }),
      /messages holds a comment message .*signed with the writer's own id/,
    ],
    [
      "a comment thread whose resolved flag is text",
      (d) => {
        const thread = new Y.Map();
        d.getMap("comments").set("t1", thread);
        thread.set("resolved", "yes");
      },
      /thread › resolved must be true or false/,
    ],
    [
      "an embed in text",
      (d) => firstText(d).insertEmbed(1, { image: "x" }),
      /text holds only characters and marks, got embed content/,
    ],
    [
      "a shared type in text",
      (d) => firstText(d).insertEmbed(1, new Y.Map()),
      /text holds only characters and marks, got a shared type/,
    ],
    [
      "an attribute on text",
      (d) => firstText(d).setAttribute("x", "y"),
      /text holds no keyed values/,
    ],
    [
      "a link in the headline",
      (d) =>
        (
          (d.getXmlFragment("headline").get(0) as Y.XmlElement).get(
            0,
          ) as Y.XmlText
        ).format(0, 2, { link: { href: "https://example.com" } }),
      /headline › paragraph › text: mark "link" is not allowed here/,
    ],
    [
      "a javascript link",
      (d) => firstText(d).format(0, 2, { link: { href: "javascript:x()" } }),
      /mark link attribute href must be an http\(s\) or mailto URL/,
    ],
    [
      "a mark that is not an object",
      (d) => firstText(d).format(0, 2, { bold: true }),
      /mark bold must be an object of attributes, got true/,
    ],
    [
      "a huge string",
      (d) => firstText(d).insert(0, "x".repeat(MAX_STRUCT_BYTES + 1)),
      /65537 bytes in one struct/,
    ],
  ];
  for (const [what, change, reason] of cases)
    it(what, () => {
      const server = story();
      expect(refusal(server, change)).toMatch(reason);
    });

  it("nesting deeper than allowed", () => {
    const server = story();
    expect(
      refusal(server, (d) => {
        let parent: Y.XmlElement | Y.XmlFragment = body(d);
        for (let i = 0; i < 60; i++) {
          const quote = new Y.XmlElement("blockquote");
          parent.insert(0, [quote]);
          parent = quote;
        }
      }),
    ).toMatch(/nested more than 48 deep/);
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
