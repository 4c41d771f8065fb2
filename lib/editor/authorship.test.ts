import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { countWordsByWriter, textRuns } from "./authorship";
import { FIGURE_CREDIT } from "./figure";
import { Y_BODY } from "./names";

/** A story document, and a way to write into it as a given Yjs client. */
function story() {
  const doc = new Y.Doc();
  const as = (client: number, write: (body: Y.XmlFragment) => void) => {
    const other = new Y.Doc();
    other.clientID = client;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(other);
    write(other.getXmlFragment(Y_BODY));
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
  };
  const paragraph = (n: number) =>
    (doc.getXmlFragment(Y_BODY).get(n) as Y.XmlElement).get(0) as Y.XmlText;
  const textOf = (body: Y.XmlFragment, n: number) =>
    (body.get(n) as Y.XmlElement).get(0) as Y.XmlText;
  const addParagraph = (body: Y.XmlFragment, text: string) => {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    body.push([p]);
  };
  return { doc, as, paragraph, textOf, addParagraph };
}

const SEED = 1;
const RITA = 2;
const SAM = 3;
const claims = new Map([
  [RITA, "rita"],
  [SAM, "sam"],
]);

describe("words by writer", () => {
  it("counts each person's words, and unclaimed text as earlier text", () => {
    const s = story();
    s.as(SEED, (body) => s.addParagraph(body, "The harbour was closed."));
    s.as(RITA, (body) => s.addParagraph(body, "It reopens on Monday"));
    s.as(SAM, (body) => s.textOf(body, 1).insert(20, ", officials said."));
    const counted = countWordsByWriter(s.doc, claims);
    expect(Object.fromEntries(counted.words)).toEqual({ rita: 4, sam: 2 });
    expect(counted.unattributed).toBe(4);
  });

  it("gives a word typed by two people to whoever typed most of it", () => {
    const s = story();
    s.as(RITA, (body) => s.addParagraph(body, "fer"));
    s.as(SAM, (body) => s.textOf(body, 0).insert(3, "ries resume"));
    expect(Object.fromEntries(countWordsByWriter(s.doc, claims).words)).toEqual(
      { sam: 2 },
    );
  });

  it("leaves out pending suggested insertions and keeps suggested deletions", () => {
    const s = story();
    s.as(RITA, (body) => s.addParagraph(body, "Ferries resume today"));
    s.as(SAM, (body) => {
      const text = s.textOf(body, 0);
      text.insert(20, " at noon", { insertion: { id: "sam:1:a" } });
      text.format(15, 5, { deletion: { id: "sam:1:b" } });
    });
    const counted = countWordsByWriter(s.doc, claims);
    expect(Object.fromEntries(counted.words)).toEqual({ rita: 3 });
    expect(textRuns(s.paragraph(0)).map((r) => [r.text, r.suggested])).toEqual([
      ["Ferries resume ", false],
      ["today", false],
      [" at noon", true],
    ]);
  });

  it("counts deleted text out and a photo's credit out, its caption in", () => {
    const s = story();
    s.as(RITA, (body) => s.addParagraph(body, "One two three"));
    s.as(SAM, (body) => s.textOf(body, 0).delete(3, 4));
    s.as(SAM, (body) => {
      const figure = new Y.XmlElement("figure");
      const caption = new Y.XmlElement("figureCaption");
      caption.insert(0, [new Y.XmlText("The quay at dawn")]);
      const credit = new Y.XmlElement(FIGURE_CREDIT);
      credit.insert(0, [new Y.XmlText("Staff photographer")]);
      figure.insert(0, [caption, credit]);
      body.push([figure]);
    });
    const counted = countWordsByWriter(s.doc, claims);
    expect(Object.fromEntries(counted.words)).toEqual({ rita: 2, sam: 4 });
  });

  it("counts Korean by character, as the story's word count does", () => {
    const s = story();
    s.as(RITA, (body) => s.addParagraph(body, "항구 재개"));
    expect(countWordsByWriter(s.doc, claims).words.get("rita")).toBe(4);
  });
});
