import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readThreads } from "./comments";
import { diffStories } from "./diff";
import { figureJson } from "./figure";
import { checkStoryDocument, repairStoryDocument } from "./document-check";
import { bodyText, firstFigure, renderBodyHtml } from "./render";
import {
  encodeInitialStoryDocument,
  readBody,
  readMeta,
  readSingleLine,
} from "./story-document";
import { restoreStoryContent } from "./restore";

const photo = "/uploads/0123456789abcdef0123456789abcdef.jpg";

/** A story holding what no guard would let in, written straight into its document. */
function pollutedStory(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    encodeInitialStoryDocument({
      headline: "Storm warning",
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Rain." }] },
          figureJson({ src: photo, credit: "AP", caption: "Caption" }),
        ],
      },
    }),
  );
  const body = doc.getXmlFragment("body");
  const figure = body.get(1) as Y.XmlElement;
  figure.setAttribute("width", ["script", {}, "alert(1)"] as never);
  const second = new Y.XmlElement("figure");
  second.setAttribute("src", "https://evil.example/pixel.gif");
  second.setAttribute("height", new Y.Array() as never);
  body.insert(2, [second, new Y.XmlText("bare body text")]);
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", [1] as never);
  heading.insert(0, [new Y.XmlText("Sub")]);
  const script = new Y.XmlElement("script");
  script.insert(0, [new Y.XmlText("alert(1)")]);
  body.insert(4, [heading, script]);
  const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insertEmbed(1, { image: "x" });
  text.format(0, 2, { link: { href: "javascript:alert(1)" } });
  text.format(2, 2, { bold: "yes" });
  doc.getXmlFragment("headline").insert(0, [new Y.XmlText("bare")]);
  doc.getMap("evil").set("x", 1);
  const meta = doc.getMap<unknown>("meta");
  meta.set("section", ["Politics"]);
  (meta.get("tags") as Y.Array<unknown>).push(["ok", 5, "fine"]);
  meta.set("bylines", [{ name: "A", email: "a@x" }, "junk"]);
  meta.set("script", "x");
  const thread = new Y.Map<unknown>();
  doc.getMap("comments").set("t1", thread);
  thread.set("anchor", new Uint8Array(2));
  thread.set("head", new Uint8Array(2));
  thread.set("quote", { not: "text" });
  thread.set("messages", Y.Array.from([{ id: "m", author: "Eve", text: 1 }]));
  return doc;
}

describe("a story holding off-schema content", () => {
  it("is read, rendered and compared without throwing and without a value of the wrong type", () => {
    const doc = pollutedStory();
    const before = Y.encodeStateVector(doc);
    expect(readSingleLine(doc, "headline")).toBe("Storm warning");
    const body = readBody(doc);
    body.check();
    const html = renderBodyHtml(body);
    expect(html).not.toMatch(/<script|alert|evil|javascript|bare body text/);
    expect(html).toContain("Rain.");
    // The figure whose width is an array renders with no width; the other one not at all.
    expect(html).toContain(
      `<figure class="story-figure"><img src="${photo}" alt=""/><figcaption><span data-caption="">Caption</span><small data-credit="">AP</small></figcaption></figure>`,
    );
    expect(html.match(/<figure/g)).toHaveLength(1);
    expect(html).toContain("<h2>Sub</h2>");
    expect(firstFigure(body)?.width).toBeNull();
    expect(bodyText(body)).toContain("Caption");
    expect(
      diffStories(
        { headline: "a", deck: "", body },
        { headline: "b", deck: "", body },
      ).body,
    ).toContain("Caption (AP)");
    expect(readMeta(doc)).toEqual({
      section: null,
      tags: ["ok", "fine"],
      bylines: [{ name: "A", email: "a@x" }],
      dateline: null,
    });
    expect(readThreads(doc)).toEqual([
      expect.objectContaining({ quote: "", messages: [] }),
    ]);
    // Reading changed nothing.
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it("is listed by the document check, and repaired in one transaction with the caller's origin", () => {
    const doc = pollutedStory();
    const problems = checkStoryDocument(doc).map((p) => p.problem);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/figure: attribute width .*got an array/),
        expect.stringMatching(/figure: attribute src must be the URL/),
        expect.stringMatching(/figure: attribute height .*got a shared type/),
        expect.stringMatching(/^body: text cannot stand directly here/),
        expect.stringMatching(/heading: attribute level/),
        expect.stringMatching(/unknown node "script"/),
        expect.stringMatching(/got embed content/),
        expect.stringMatching(/mark link attribute href/),
        expect.stringMatching(/mark bold must be an object/),
        expect.stringMatching(/^headline: text cannot stand directly here/),
        expect.stringMatching(/unknown top-level name "evil"/),
        expect.stringMatching(/meta › section must be/),
        expect.stringMatching(/meta › tags holds a tag/),
        expect.stringMatching(/meta › bylines must be/),
        expect.stringMatching(/meta: unknown key "script"/),
        expect.stringMatching(/thread › quote must be/),
        expect.stringMatching(/messages holds a comment message/),
      ]),
    );

    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const origin = Symbol("repair");
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const repaired = repairStoryDocument(doc, origin);
    expect(origins).toEqual([origin]);
    expect(repaired.map((p) => p.problem)).toEqual(problems);
    expect(checkStoryDocument(doc)).toEqual([]);
    expect(repairStoryDocument(doc, origin)).toEqual([]);

    // What fitted is kept.
    expect(readMeta(doc).tags).toEqual(["ok", "fine"]);
    expect(readMeta(doc).bylines).toEqual([{ name: "A", email: "a@x" }]);
    expect(bodyText(readBody(doc))).toContain("Rain.");
    expect(readSingleLine(doc, "headline")).toBe("Storm warning");
    const figure = doc.getXmlFragment("body").get(1) as Y.XmlElement;
    expect(figure.getAttribute("src")).toBe(photo);
    expect(figure.getAttribute("width")).toBeUndefined();
    expect(firstFigure(readBody(doc))?.credit).toBe("AP");

    // Another replica that receives the repair is repaired too.
    expect(checkStoryDocument(replica)).not.toEqual([]);
    Y.applyUpdate(
      replica,
      Y.encodeStateAsUpdate(doc, Y.encodeStateVector(replica)),
    );
    expect(checkStoryDocument(replica)).toEqual([]);
  });

  it("restores as typed content", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeInitialStoryDocument({ headline: "Now" }));
    restoreStoryContent(doc, pollutedStory());
    expect(checkStoryDocument(doc)).toEqual([]);
    expect(readSingleLine(doc, "headline")).toBe("Storm warning");
    expect(bodyText(readBody(doc))).toContain("Caption");
  });
});
