import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { figureJson } from "./figure";
import { STORY_LINK_REL } from "./links";
import { bodyText, firstFigure, renderBodyHtml } from "./render";
import { bodySchema } from "./schema";
import {
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
