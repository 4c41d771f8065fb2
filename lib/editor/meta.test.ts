import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  addByline,
  addTag,
  metaArray,
  removeByline,
  removeTag,
  setDateline,
  setSection,
  uniqueBylines,
  updateByline,
} from "./meta";
import { encodeInitialStoryDocument, readMeta } from "./story-document";

function twoPeople(): [Y.Doc, Y.Doc] {
  const update = encodeInitialStoryDocument({
    headline: "x",
    meta: { tags: ["Seoul"] },
  });
  const a = new Y.Doc();
  const b = new Y.Doc();
  Y.applyUpdate(a, update);
  Y.applyUpdate(b, update);
  return [a, b];
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("collaborative story details", () => {
  it("keeps both people's tags when they add them at the same moment", () => {
    const [a, b] = twoPeople();
    expect(addTag(a, "typhoon")).toBe(true);
    expect(addTag(b, "Busan")).toBe(true);
    sync(a, b);
    expect(readMeta(a).tags.sort()).toEqual(["Busan", "Seoul", "typhoon"]);
    expect(readMeta(b).tags.sort()).toEqual(readMeta(a).tags.sort());
  });

  it("refuses blank and duplicate tags, and removes tags", () => {
    const [a] = twoPeople();
    expect(addTag(a, "  ")).toBe(false);
    expect(addTag(a, "seoul")).toBe(false);
    removeTag(a, "Seoul");
    expect(readMeta(a).tags).toEqual([]);
  });

  it("edits bylines, section and dateline", () => {
    const [a, b] = twoPeople();
    addByline(a, { name: " Mina Park ", email: "mina@example.com" });
    addByline(b, { name: "Daniel Cho", email: "" });
    sync(a, b);
    expect(readMeta(a).bylines).toHaveLength(2);
    updateByline(a, 0, { name: "Mina Park-Lee", email: "mina@example.com" });
    removeByline(a, 1);
    setSection(a, "National");
    setDateline(a, "BUSAN");
    sync(a, b);
    expect(readMeta(b)).toMatchObject({
      section: "National",
      dateline: "BUSAN",
    });
    expect(readMeta(b).bylines).toHaveLength(1);
    setDateline(b, "  ");
    expect(readMeta(b).dateline).toBeNull();
  });

  it("adds a byline beside the authors' own, and nobody twice", () => {
    const authors = [
      { name: "Mina Park", email: "reporter@example.com" },
      { name: "Daniel Cho", email: "reporter2@example.com" },
    ];
    const [a, b] = twoPeople();
    expect(addByline(a, { name: "Wire Desk", email: "" }, authors)).toBe(true);
    expect(readMeta(a).bylines.map((x) => x.name)).toEqual([
      "Mina Park",
      "Daniel Cho",
      "Wire Desk",
    ]);
    expect(
      addByline(a, { name: "Mina P.", email: "Reporter@Example.com" }, authors),
    ).toBe(false);
    expect(addByline(a, { name: "Wire Desk", email: "" }, authors)).toBe(false);
    expect(readMeta(a).bylines).toHaveLength(3);
    // An author picked first on a story without bylines: the authors, once each.
    expect(addByline(b, authors[1]!, authors)).toBe(false);
    expect(readMeta(b).bylines).toEqual(authors);

    // Both added the first byline at once: each wrote the authors; publishing reads them once.
    sync(a, b);
    expect(readMeta(a).bylines).toHaveLength(5);
    expect(uniqueBylines(readMeta(a).bylines).map((x) => x.name)).toEqual([
      "Mina Park",
      "Daniel Cho",
      "Wire Desk",
    ]);
  });

  it("upgrades a plain array left by an older document", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("tags", ["old"]);
    expect(metaArray<string>(doc, "tags").toArray()).toEqual(["old"]);
    addTag(doc, "new");
    expect(readMeta(doc).tags).toEqual(["old", "new"]);
  });
});
