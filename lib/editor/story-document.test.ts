import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { figureJson } from "./figure";
import { STORY_LINK_REL } from "./links";
import { bodyText, firstFigure, renderBodyHtml } from "./render";
import { bodySchema } from "./schema";
import { countWords } from "./word-count";
import { readerWordCount } from "./suggestions/count";
import { newSuggestionId } from "./suggestions/id";
import {
  BodyWordCounter,
  encodeInitialStoryDocument,
  readBody,
  readMeta,
  readSingleLine,
} from "./story-document";

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe("story document", () => {
  it("round-trips headline, deck, body and meta through a Y.Doc", () => {
    const doc = docOf(
      encodeInitialStoryDocument({
        headline: "  Storm   warning ",
        deck: "Ferries cancelled",
        body: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "Rain." }] },
          ],
        },
        meta: {
          section: "Weather",
          tags: ["storm"],
          bylines: [{ name: "Mina Park", email: "mina@example.com" }],
        },
      }),
    );
    expect(readSingleLine(doc, "headline")).toBe("Storm warning");
    expect(readSingleLine(doc, "deck")).toBe("Ferries cancelled");
    expect(bodyText(readBody(doc))).toBe("Rain.");
    expect(readMeta(doc)).toEqual({
      section: "Weather",
      tags: ["storm"],
      bylines: [{ name: "Mina Park", email: "mina@example.com" }],
      dateline: null,
    });
  });

  it("refuses a body outside the schema", () => {
    expect(() =>
      encodeInitialStoryDocument({
        headline: "x",
        body: { type: "doc", content: [{ type: "codeBlock", content: [] }] },
      }),
    ).toThrow();
  });

  it("drops malformed meta values instead of trusting them", () => {
    const doc = docOf(encodeInitialStoryDocument({ headline: "x" }));
    const meta = doc.getMap("meta");
    meta.set("tags", ["ok", 5, ""]);
    meta.set("bylines", [
      { name: "A", email: 3 },
      "junk",
      { email: "no-name@x" },
    ]);
    meta.set("section", 42);
    expect(readMeta(doc)).toEqual({
      section: null,
      tags: ["ok"],
      bylines: [{ name: "A", email: "" }],
      dateline: null,
    });
  });
});

describe("server rendering", () => {
  const doc = docOf(
    encodeInitialStoryDocument({
      headline: "x",
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "<script>alert(1)</script> & " },
              { type: "text", text: "bold", marks: [{ type: "bold" }] },
              {
                type: "text",
                text: " evil",
                marks: [
                  { type: "link", attrs: { href: "javascript:alert(1)" } },
                ],
              },
              {
                type: "text",
                text: " good",
                marks: [
                  { type: "link", attrs: { href: "https://example.com" } },
                ],
              },
            ],
          },
          figureJson({
            src: "/uploads/0123456789abcdef0123456789abcdef.jpg",
            alt: 'A "quoted" alt',
            credit: "AP",
            width: 1600,
            height: 900,
            caption: "The caption",
          }),
          figureJson({ src: "javascript:alert(1)" }),
          {
            type: "heading",
            attrs: { level: 2 },
            content: [{ type: "text", text: "Sub" }],
          },
          {
            type: "bulletList",
            content: [
              {
                type: "listItem",
                content: [
                  {
                    type: "paragraph",
                    content: [{ type: "text", text: "Item" }],
                  },
                ],
              },
            ],
          },
        ],
      },
    }),
  );
  const html = renderBodyHtml(readBody(doc));

  it("escapes text and attributes", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ");
    expect(html).not.toContain("<script>");
    expect(html).toContain('alt="A &quot;quoted&quot; alt"');
  });

  it("keeps safe links and strips unsafe ones", () => {
    expect(html).toContain('href="https://example.com"');
    expect(html).not.toContain("javascript:");
  });

  it("gives every link the site's rel and no target, whatever the story's link says", () => {
    const node = bodySchema().nodeFromJSON({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "dofollow",
              marks: [
                {
                  type: "link",
                  attrs: {
                    href: "https://example.com/",
                    rel: "follow",
                    target: "_blank",
                    class: "subscribe-button",
                    title: "A title",
                  },
                },
              ],
            },
            {
              type: "text",
              text: " empty",
              marks: [
                {
                  type: "link",
                  attrs: { href: "mailto:a@example.com", rel: "", target: "" },
                },
              ],
            },
          ],
        },
      ],
    });
    const rendered = renderBodyHtml(node);
    expect(rendered).toBe(
      `<p><a rel="${STORY_LINK_REL}" href="https://example.com/" title="A title">dofollow</a><a rel="${STORY_LINK_REL}" href="mailto:a@example.com"> empty</a></p>`,
    );
    expect(html).toContain(
      `<a rel="${STORY_LINK_REL}" href="https://example.com">`,
    );
  });

  it("renders figures with image, caption and credit", () => {
    expect(html).toContain(
      '<figure class="story-figure"><img src="/uploads/0123456789abcdef0123456789abcdef.jpg" alt="A &quot;quoted&quot; alt" width="1600" height="900"/><figcaption><span data-caption="">The caption</span><small data-credit="">AP</small></figcaption></figure>',
    );
    expect(html).toContain("<h2>Sub</h2>");
    expect(html).toContain("<ul><li><p>Item</p></li></ul>");
  });

  it("renders only typed attributes whatever built the node", () => {
    const node = bodySchema().nodeFromJSON({
      type: "doc",
      content: [
        {
          type: "figure",
          attrs: {
            src: "/uploads/0123456789abcdef0123456789abcdef.jpg",
            width: ["script", {}, "alert(1)"],
            height: { x: 1 },
          },
        },
        { type: "figure", attrs: { src: "https://evil.example/x.gif" } },
        {
          type: "orderedList",
          attrs: { start: ["x"], type: "<b>" },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
      ],
    });
    const rendered = renderBodyHtml(node);
    expect(rendered).not.toMatch(/script|alert|evil|<b>|start=/);
    expect(rendered).toContain(
      '<figure class="story-figure"><img src="/uploads/0123456789abcdef0123456789abcdef.jpg" alt=""/><figcaption><span data-caption=""></span></figcaption></figure><ol>',
    );
  });

  it("finds the lead figure", () => {
    expect(firstFigure(readBody(doc))?.credit).toBe("AP");
  });
});

describe("BodyWordCounter", () => {
  it("counts body words as the body changes, recounting only what changed", () => {
    const doc = docOf(
      encodeInitialStoryDocument({
        headline: "Not counted",
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Rain fell " },
                { type: "text", text: "all", marks: [{ type: "bold" }] },
                { type: "text", text: " night." },
              ],
            },
            {
              type: "bulletList",
              content: [
                {
                  type: "listItem",
                  content: [
                    {
                      type: "paragraph",
                      content: [
                        { type: "text", text: "서울 시민 Ferries stopped" },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      }),
    );
    const counter = new BodyWordCounter(doc);
    const expected = () => countWords(bodyText(readBody(doc)));
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(4 + 4 + 2);

    const body = doc.getXmlFragment("body");
    const first = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    first.insert(first.length, " Rivers rose");
    first.format(0, 4, { italic: {} });
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(12);
    // Deleted characters stay in the block as deleted items: they are not counted.
    first.delete(first.length - " Rivers rose".length, " Rivers rose".length);
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(10);
    first.insert(first.length, " Rivers rose");

    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Three more words")]);
    body.insert(1, [paragraph]);
    expect(counter.count()).toBe(15);
    body.delete(0, 1);
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(9);
  });
  it("counts as readers see it: a pending insertion is not a word yet, a pending deletion still is", () => {
    const id = newSuggestionId("5f0c3d1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f");
    const body = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The " },
            {
              type: "text",
              text: "council",
              marks: [{ type: "deletion", attrs: { id } }],
            },
            { type: "text", text: " met" },
            {
              type: "text",
              text: " this evening",
              marks: [{ type: "insertion", attrs: { id } }],
            },
            { type: "text", text: "." },
          ],
        },
      ],
    };
    const doc = docOf(encodeInitialStoryDocument({ headline: "Count", body }));
    const counter = new BodyWordCounter(doc);
    expect(counter.count()).toBe(countWords(bodyText(readBody(doc))));
    expect(counter.count()).toBe(3);
    // The editor's count says the same as the list's.
    expect(readerWordCount(bodySchema().nodeFromJSON(body))).toBe(3);

    // Accepted: the insertion's mark goes, and its words count.
    const text = (doc.getXmlFragment("body").get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
    text.format("The council met".length, " this evening".length, {
      insertion: null,
    });
    expect(counter.count()).toBe(countWords(bodyText(readBody(doc))));
    expect(counter.count()).toBe(5);
  });
  it("keeps the word count equal to a full count through random edits", () => {
    const doc = docOf(
      encodeInitialStoryDocument({
        headline: "Counting",
        body: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "One two" }] },
            {
              type: "blockquote",
              content: [
                {
                  type: "paragraph",
                  content: [{ type: "text", text: "Quoted words here" }],
                },
              ],
            },
          ],
        },
      }),
    );
    const counter = new BodyWordCounter(doc);
    const expected = () => countWords(bodyText(readBody(doc)));
    const body = doc.getXmlFragment("body");
    // Every text block, nested ones included.
    const blocks = () =>
      [...body.createTreeWalker((node) => node instanceof Y.XmlText)].map(
        (node) => node as Y.XmlText,
      );
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const words = ["storm ", "rain", " ", "서울 ", "flood-wall ", "42 "];
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const texts = blocks();
      const text = texts[Math.floor(random() * texts.length)]!;
      if (roll < 0.1) {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText("new block")]);
        body.insert(Math.floor(random() * (body.length + 1)), [paragraph]);
      } else if (roll < 0.15 && body.length > 1) {
        body.delete(Math.floor(random() * body.length), 1);
      } else if (roll < 0.4 && text.length > 0) {
        const at = Math.floor(random() * text.length);
        text.delete(at, Math.min(3, text.length - at));
      } else if (roll < 0.45 && text.length > 0) {
        text.format(0, Math.ceil(random() * text.length), { bold: {} });
      } else {
        const word = words[Math.floor(random() * words.length)]!;
        text.insert(Math.floor(random() * (text.length + 1)), word);
      }
      if (random() < 0.5) expect(counter.count()).toBe(expected());
    }
    expect(counter.count()).toBe(expected());
  });
});
