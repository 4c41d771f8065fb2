import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkStoryDocument, repairStoryDocument } from "./document-check";
import { diffStories } from "./diff";
import { figureJson } from "./figure";
import { hasLegacyFigures, migrateLegacyFigures } from "./figure-migration";
import { bodyText, renderBodyHtml } from "./render";
import { BodyWordCounter, readBody } from "./story-document";

const photo = "/uploads/0123456789abcdef0123456789abcdef.jpg";

/** A story as stored before figure fields: caption as the figure's text, credit and alt as attributes. */
function legacyStory(): Y.Doc {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment("body");
  const paragraph = new Y.XmlElement("paragraph");
  const figure = new Y.XmlElement("figure");
  const quote = new Y.XmlElement("blockquote");
  const quoted = new Y.XmlElement("figure");
  body.insert(0, [paragraph, figure, quote]);
  paragraph.insert(0, [new Y.XmlText("Rain fell.")]);
  figure.setAttribute("src", photo);
  figure.setAttribute("width", 1600 as never);
  figure.setAttribute("height", 900 as never);
  figure.setAttribute("credit", "Yonhap/Kim Hyun-soo");
  figure.setAttribute("alt", "A ferry at its pier");
  const caption = new Y.XmlText();
  figure.insert(0, [caption]);
  caption.insert(0, "The ferry, ");
  caption.insert(11, "stranded", { bold: {} });
  quote.insert(0, [quoted]);
  quoted.setAttribute("src", photo);
  quoted.setAttribute("credit", 5 as never);
  return doc;
}

const migrated = [
  { type: "paragraph", content: [{ type: "text", text: "Rain fell." }] },
  figureJson({
    src: photo,
    width: 1600,
    height: 900,
    caption: [
      { type: "text", text: "The ferry, " },
      { type: "text", text: "stranded", marks: [{ type: "bold" }] },
    ],
    credit: "Yonhap/Kim Hyun-soo",
    alt: "A ferry at its pier",
  }),
  { type: "blockquote", content: [figureJson({ src: photo })] },
];

describe("figures stored with credit and alt as attributes", () => {
  it("read, render and compare as the new form before any migration", () => {
    const doc = legacyStory();
    const before = Y.encodeStateVector(doc);
    const body = readBody(doc);
    expect(body.toJSON().content).toEqual(migrated);
    const html = renderBodyHtml(body);
    expect(html).toContain(
      `<img src="${photo}" alt="A ferry at its pier" width="1600" height="900"/><figcaption><span data-caption="">The ferry, <strong>stranded</strong></span><small data-credit="">Yonhap/Kim Hyun-soo</small></figcaption>`,
    );
    expect(
      diffStories(
        { headline: "", deck: "", body },
        { headline: "", deck: "", body },
      ).body,
    ).toContain("[Photo] The ferry, stranded (Yonhap/Kim Hyun-soo)");
    // The caption counts as words of the story; credit and alt do not.
    expect(bodyText(body)).not.toMatch(/Yonhap|pier/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("are migrated in one transaction, keeping every text, and the story then fits its layout", () => {
    const doc = legacyStory();
    expect(checkStoryDocument(doc)).not.toEqual([]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const origin = Symbol("load");
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));

    expect(migrateLegacyFigures(doc, origin)).toBe(2);
    expect(origins).toEqual([origin]);
    expect(hasLegacyFigures(doc)).toBe(false);
    expect(checkStoryDocument(doc)).toEqual([]);
    expect(readBody(doc).toJSON().content).toEqual(migrated);
    const figure = doc.getXmlFragment("body").get(1) as Y.XmlElement;
    expect(figure.getAttributes()).toEqual({
      src: photo,
      width: 1600,
      height: 900,
    });
    expect(migrateLegacyFigures(doc, origin)).toBe(0);

    // A replica receiving the migration holds the same story.
    Y.applyUpdate(
      replica,
      Y.encodeStateAsUpdate(doc, Y.encodeStateVector(replica)),
    );
    expect(readBody(replica).toJSON()).toEqual(readBody(doc).toJSON());
    expect(new BodyWordCounter(replica).count()).toBe(5);
  });

  it("migrated by two replicas at once hold each field once after the next migration", () => {
    const [a, b] = [legacyStory(), new Y.Doc()];
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateLegacyFigures(a, null);
    migrateLegacyFigures(b, null);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(hasLegacyFigures(a)).toBe(true);
    expect(migrateLegacyFigures(a, null)).toBe(6);
    expect(hasLegacyFigures(a)).toBe(false);
    const figure = a.getXmlFragment("body").get(1) as Y.XmlElement;
    expect(figure.length).toBe(3);
    expect(readBody(a).toJSON().content).toEqual(migrated);
  });

  it("are migrated by the document repair rather than deleted", () => {
    const doc = legacyStory();
    expect(repairStoryDocument(doc, "load")).toEqual([]);
    expect(checkStoryDocument(doc)).toEqual([]);
    expect(readBody(doc).toJSON().content).toEqual(migrated);
  });

  it("then merge two people's typing into one credit, each person's keystrokes together", () => {
    const doc = legacyStory();
    migrateLegacyFigures(doc, null);
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    for (const d of [a, b]) Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
    const credit = (d: Y.Doc) =>
      (
        (d.getXmlFragment("body").get(1) as Y.XmlElement).get(1) as Y.XmlElement
      ).get(0) as Y.XmlText;
    credit(a).delete(0, credit(a).length);
    credit(b).delete(0, credit(b).length);
    for (const ch of "Yonhap") credit(a).insert(credit(a).length, ch);
    for (const ch of "Kim Hyun-soo") credit(b).insert(credit(b).length, ch);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(credit(a).toString()).toBe(credit(b).toString());
    expect(["YonhapKim Hyun-soo", "Kim Hyun-sooYonhap"]).toContain(
      credit(a).toString(),
    );
  });
});
