// @vitest-environment happy-dom
import { generateJSON, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { bodyExtensions } from "./extensions";
import { cleanPastedHtml } from "./paste";
import { figureJson } from "./figure";

/** What the editor keeps of pasted HTML: cleaned, then parsed by the story schema. */
function paste(html: string): JSONContent {
  const cleaned = cleanPastedHtml(html, (h) =>
    new DOMParser().parseFromString(h, "text/html"),
  );
  return generateJSON(cleaned, bodyExtensions());
}

function texts(node: JSONContent): string {
  return (node.content ?? []).map((c) => c.text ?? texts(c)).join("");
}

describe("pasting", () => {
  it("keeps headings, bold, italic, links and lists from Google Docs, without its all-bold wrapper", () => {
    const doc = paste(
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><h2 dir="ltr"><span style="font-size:16pt;font-family:Arial">Rescue crews</span></h2>' +
        '<p dir="ltr"><span style="font-weight:700">Bold</span><span style="font-style:italic"> italic</span><span> plain </span>' +
        '<a href="https://example.com/report"><span style="color:#1155cc;text-decoration:underline">report</span></a></p>' +
        '<ul><li dir="ltr"><p dir="ltr"><span>One</span></p></li><li><p><span>Two</span></p></li></ul></b>',
    );
    expect(doc.content!.map((n) => n.type)).toEqual([
      "heading",
      "paragraph",
      "bulletList",
    ]);
    expect(doc.content![0]).toMatchObject({ attrs: { level: 2 } });
    const [bold, italic, plain, link] = doc.content![1]!.content!;
    expect(bold).toEqual({
      type: "text",
      text: "Bold",
      marks: [{ type: "bold" }],
    });
    expect(italic).toEqual({
      type: "text",
      text: " italic",
      marks: [{ type: "italic" }],
    });
    expect(plain).toEqual({ type: "text", text: " plain " });
    expect(link!.marks![0]).toMatchObject({
      type: "link",
      attrs: { href: "https://example.com/report" },
    });
    expect(texts(doc.content![2]!)).toBe("OneTwo");
  });

  it("turns Word's list paragraphs into real lists and drops its markup", () => {
    const doc = paste(
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>' +
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->" +
        "<p class=MsoNormal><b>Seoul</b> <i>reported</i><o:p></o:p></p>" +
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;</span></span>First</p>" +
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.<span>&nbsp;</span></span>Second</p>" +
        "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Bullet</p>" +
        "</body></html>",
    );
    expect(doc.content!.map((n) => n.type)).toEqual([
      "paragraph",
      "orderedList",
      "bulletList",
    ]);
    expect(doc.content![0]!.content![0]).toEqual({
      type: "text",
      text: "Seoul",
      marks: [{ type: "bold" }],
    });
    expect(doc.content![1]!.content!.map(texts)).toEqual(["First", "Second"]);
    expect(texts(doc.content![2]!)).toBe("Bullet");
    expect(JSON.stringify(doc)).not.toContain("mso");
  });

  it("drops scripts, styles, tracking images, foreign photos and unsafe links from a web page", () => {
    const doc = paste(
      '<script>alert("x")</script><style>p{color:red}</style>' +
        '<p style="font-family:Comic Sans MS;color:red">Text <img src="https://tracker.example/p.gif" width="1" height="1">' +
        '<a href="javascript:alert(1)">bad</a> <a href="mailto:desk@example.com">desk</a></p>' +
        '<figure><img src="https://cdn.example/photo.jpg" alt="x"><figcaption>A caption</figcaption></figure>' +
        '<div class="ad"><object data="https://ads.example/banner.swf"></object></div>',
    );
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(
      /alert|tracker|cdn\.example|Comic|color|figure|iframe/,
    );
    const first = doc.content![0]!;
    expect(texts(first)).toBe("Text bad desk");
    // The javascript: link lost its mark and merged into the plain text before it.
    expect(first.content![0]).toEqual({ type: "text", text: "Text bad " });
    expect(
      first.content!.find((c) => c.text === "desk")!.marks![0],
    ).toMatchObject({ attrs: { href: "mailto:desk@example.com" } });
    // The foreign photo is dropped; its caption text is kept as a paragraph.
    expect(json).toContain("A caption");
  });

  it("keeps a figure copied from our own editor", () => {
    const doc = paste(
      '<figure class="story-figure"><img src="/uploads/0123456789abcdef0123456789abcdef.jpg" alt="Alt" width="1600" height="900">' +
        '<figcaption><span data-caption="">The <em>caption</em></span><small data-credit="">Yonhap</small></figcaption></figure>',
    );
    expect(doc.content![0]).toEqual(
      figureJson({
        src: "/uploads/0123456789abcdef0123456789abcdef.jpg",
        width: 1600,
        height: 900,
        alt: "Alt",
        credit: "Yonhap",
        caption: [
          { type: "text", text: "The " },
          { type: "text", text: "caption", marks: [{ type: "italic" }] },
        ],
      }),
    );
  });
});
