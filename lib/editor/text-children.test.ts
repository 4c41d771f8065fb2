import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { encodeInitialStoryDocument } from "./story-document";
import { ensureTextChildren, keepTextChildren } from "./text-children";

function emptyBlocksWithoutText(fragment: Y.XmlFragment): number {
  let count = 0;
  const visit = (el: Y.XmlFragment | Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (
          ["paragraph", "heading", "figure"].includes(child.nodeName) &&
          child.length === 0
        )
          count++;
        visit(child);
      }
    }
  };
  visit(fragment);
  return count;
}

describe("text children of empty blocks", () => {
  it("new stories start with a text child in every empty block", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      encodeInitialStoryDocument({
        headline: "",
        body: {
          type: "doc",
          content: [
            { type: "paragraph" },
            {
              type: "bulletList",
              content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
            },
          ],
        },
      }),
    );
    for (const name of ["headline", "deck", "body"])
      expect(emptyBlocksWithoutText(doc.getXmlFragment(name))).toBe(0);
  });

  it("two people typing into the same empty paragraph insert into one text, in a stable order", () => {
    const base = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    base.getXmlFragment("body").insert(0, [paragraph]);
    ensureTextChildren(base.getXmlFragment("body"));
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    (
      (a.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText
    ).insert(0, "Floods: ");
    (
      (b.getXmlFragment("body").get(0) as Y.XmlElement).get(0) as Y.XmlText
    ).insert(0, "Capital under water");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const first = a.getXmlFragment("body").get(0) as Y.XmlElement;
    expect(first.length).toBe(1);
    expect(first.toString()).toBe(b.getXmlFragment("body").get(0).toString());
    expect([
      "<paragraph>Floods: Capital under water</paragraph>",
      "<paragraph>Capital under waterFloods: </paragraph>",
    ]).toContain(first.toString());
  });

  it("repairs blocks this client adds, not what arrives from others", () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("body");
    const stop = keepTextChildren(fragment);
    fragment.insert(0, [new Y.XmlElement("paragraph")]);
    expect(emptyBlocksWithoutText(fragment)).toBe(0);

    const remote = new Y.Doc();
    remote.getXmlFragment("body").insert(0, [new Y.XmlElement("heading")]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(emptyBlocksWithoutText(fragment)).toBe(1);
    stop();
  });
});
