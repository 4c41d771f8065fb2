import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { readThreads, reply, setResolved, startThread } from "./comments";
import { Y_BODY } from "./names";

const ed = { id: "ed", name: "Ed Editor" };
const rita = { id: "rita", name: "Rita Reporter" };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("comment threads", () => {
  it("stay attached to their text while text changes around them", () => {
    const doc = new Y.Doc();
    const text = new Y.XmlText("The minister resigned on Friday.");
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [text]);
    doc.getXmlFragment(Y_BODY).insert(0, [p]);
    const anchor = Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(text, 4),
    );
    const head = Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(text, 12),
    );
    const id = startThread(doc, {
      anchor,
      head,
      quote: "minister",
      author: ed,
      text: "Which minister?",
    });

    text.insert(0, "Breaking: ");
    text.insert(text.length, " More soon.");
    const [thread] = readThreads(doc);
    const from = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(thread!.anchor),
      doc,
    )!.index;
    const to = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(thread!.head),
      doc,
    )!.index;
    expect(text.toString().slice(from, to)).toBe("minister");
    expect(thread).toMatchObject({
      id,
      quote: "minister",
      resolved: false,
      messages: [{ author: ed, text: "Which minister?" }],
    });
  });

  it("take replies from several people at once, resolve and reopen", () => {
    const a = new Y.Doc();
    const id = startThread(a, {
      anchor: new Uint8Array([1]),
      head: new Uint8Array([2]),
      quote: "q",
      author: ed,
      text: "Source?",
    });
    const b = new Y.Doc();
    sync(a, b);
    reply(a, id, ed, "Please add it.");
    reply(b, id, rita, "Added the ministry statement.");
    sync(a, b);
    expect(
      readThreads(b)[0]!
        .messages.map((m) => m.author.name)
        .sort(),
    ).toEqual(["Ed Editor", "Ed Editor", "Rita Reporter"]);
    setResolved(b, id, true);
    sync(a, b);
    expect(readThreads(a)[0]!.resolved).toBe(true);
    setResolved(a, id, false);
    expect(readThreads(a)[0]!.resolved).toBe(false);
    reply(a, id, ed, "   ");
    expect(readThreads(a)[0]!.messages).toHaveLength(3);
  });

  it("ignore malformed entries", () => {
    const doc = new Y.Doc();
    doc.getMap("comments").set("junk", "not a thread");
    const broken = new Y.Map();
    doc.getMap("comments").set("broken", broken);
    broken.set("anchor", "nope");
    expect(readThreads(doc)).toEqual([]);
  });
});
