import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkStoryDocument } from "./document-check";
import { craftUpdate, type CraftedStruct } from "./update-crafting";
import { checkStoryUpdate } from "./update-guard";
import {
  body,
  edit,
  figure,
  firstText,
  story,
  writer,
} from "./update-guard.fixtures";

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
