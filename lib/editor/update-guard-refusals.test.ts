import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startThread } from "./comments";
import { MAX_STRUCT_CHARS, MAX_STRUCT_BYTES } from "./update-guard";
import {
  body,
  element,
  figure,
  firstText,
  refusal,
  story,
} from "./update-guard.fixtures";

describe("updates putting anything else into a story are refused", () => {
  const cases: [string, (d: Y.Doc) => void, RegExp][] = [
    [
      "width as a Y.Array",
      (d) => figure(d).setAttribute("width", new Y.Array() as never),
      /figure: attribute width must be .*got a shared type/,
    ],
    [
      "width as text",
      (d) => figure(d).setAttribute("width", "5" as never),
      /attribute width must be .*got "5"/,
    ],
    [
      "width as an object",
      (d) => figure(d).setAttribute("width", { a: 1 } as never),
      /attribute width .*got an object/,
    ],
    [
      "width as a nested array (a rendering spec)",
      (d) =>
        figure(d).setAttribute("width", [
          "script",
          {},
          ["x", "alert(1)"],
        ] as never),
      /attribute width .*got an array/,
    ],
    [
      "width as bytes",
      (d) => figure(d).setAttribute("width", new Uint8Array(3) as never),
      /attribute width .*got 3 bytes/,
    ],
    [
      "a figure image from elsewhere",
      (d) => figure(d).setAttribute("src", "https://evil.example/x.jpg"),
      /attribute src must be the URL of one of our uploads/,
    ],
    [
      "a credit as a whole value, as figures were once stored",
      (d) => figure(d).setAttribute("credit", "Yonhap"),
      /figure: unknown attribute "credit"/,
    ],
    [
      "a caption straight in the figure, as figures were once stored",
      (d) => figure(d).insert(0, [new Y.XmlText("Caption")]),
      /body › figure: .*text/,
    ],
    [
      "an unknown attribute",
      (d) => element(d, 0).setAttribute("onclick", "x"),
      /paragraph: unknown attribute "onclick"/,
    ],
    [
      "a heading level 1",
      (d) => {
        const h = new Y.XmlElement("heading");
        h.setAttribute("level", 1 as never);
        body(d).insert(0, [h]);
      },
      /heading: attribute level must be one of 2, 3, got 1/,
    ],
    [
      "an unknown node",
      (d) => body(d).insert(0, [new Y.XmlElement("script")]),
      /body: unknown node "script"/,
    ],
    [
      "a list item straight in the body",
      (d) => body(d).insert(0, [new Y.XmlElement("listItem")]),
      /body: "listItem" cannot stand here/,
    ],
    [
      "a paragraph straight in a list",
      (d) => element(d, 2).insert(0, [new Y.XmlElement("paragraph")]),
      /bulletList: "paragraph" cannot stand here/,
    ],
    [
      "bare text in the body",
      (d) => body(d).insert(0, [new Y.XmlText("bare")]),
      /^body: text cannot stand directly here/,
    ],
    [
      "bare text in the headline",
      (d) => d.getXmlFragment("headline").insert(0, [new Y.XmlText("bare")]),
      /^headline: text cannot stand directly here/,
    ],
    [
      "bare text in a list",
      (d) => element(d, 2).insert(0, [new Y.XmlText("bare")]),
      /bulletList: text cannot stand directly here/,
    ],
    [
      "bare text in a quote",
      (d) => element(d, 3).insert(1, [new Y.XmlText("bare")]),
      /blockquote: text cannot stand directly here/,
    ],
    [
      "an unknown top-level name",
      (d) => d.getMap("evil").set("x", 1),
      /unknown top-level name "evil"/,
    ],
    [
      "keyed values in the body",
      (d) => d.getMap("body").set("x", 1),
      /^body has no attributes|body: unknown attribute "x"/,
    ],
    [
      "a list in meta",
      (d) => d.getArray("meta").insert(0, [1]),
      /^meta holds only keyed values/,
    ],
    [
      "meta.section as an array",
      (d) => d.getMap("meta").set("section", ["a"]),
      /meta › section must be text .*got an array/,
    ],
    [
      "an unknown meta key",
      (d) => d.getMap("meta").set("script", "x"),
      /meta: unknown key "script"/,
    ],
    [
      "a tag that is not text",
      (d) => (d.getMap("meta").get("tags") as Y.Array<unknown>).push([{}]),
      /meta › tags holds a tag/,
    ],
    [
      "bylines as a map",
      (d) => d.getMap("meta").set("bylines", new Y.Map()),
      /meta › bylines must be .*got a shared type/,
    ],
    [
      "a comment signed by someone else",
      (d) =>
        startThread(d, {
          anchor: new Uint8Array(2),
          head: new Uint8Array(2),
          quote: "",
          author: { id: "u-ed", name: "Ed" },
          text: "hi",
        }),
      /messages holds a comment message .*signed with the writer's own id/,
    ],
    [
      "a comment thread whose resolved flag is text",
      (d) => {
        const thread = new Y.Map();
        d.getMap("comments").set("t1", thread);
        thread.set("resolved", "yes");
      },
      /thread › resolved must be true or false/,
    ],
    [
      "an embed in text",
      (d) => firstText(d).insertEmbed(1, { image: "x" }),
      /text holds only characters and marks, got embed content/,
    ],
    [
      "a shared type in text",
      (d) => firstText(d).insertEmbed(1, new Y.Map()),
      /text holds only characters and marks, got a shared type/,
    ],
    [
      "an attribute on text",
      (d) => firstText(d).setAttribute("x", "y"),
      /text holds no keyed values/,
    ],
    [
      "a link in the headline",
      (d) =>
        (
          (d.getXmlFragment("headline").get(0) as Y.XmlElement).get(
            0,
          ) as Y.XmlText
        ).format(0, 2, { link: { href: "https://example.com" } }),
      /headline › paragraph › text: mark "link" is not allowed here/,
    ],
    [
      "a javascript link",
      (d) => firstText(d).format(0, 2, { link: { href: "javascript:x()" } }),
      /mark link attribute href must be an http\(s\) or mailto URL/,
    ],
    [
      "a mark that is not an object",
      (d) => firstText(d).format(0, 2, { bold: true }),
      /mark bold must be an object of attributes, got true/,
    ],
    [
      "a text struct longer than allowed, with no text deleted",
      (d) => {
        firstText(d).insert(0, "x".repeat(MAX_STRUCT_CHARS + 1));
        // Deleting something else than text does not pay for it.
        d.getMap("meta").delete("tags");
      },
      /paragraph › text: 65537 characters in long text structs, not paid for by deleted text/,
    ],
    [
      "a huge value",
      (d) => figure(d).setAttribute("alt", "y".repeat(MAX_STRUCT_BYTES + 1)),
      /figure: 65538 bytes in one struct/,
    ],
  ];
  for (const [what, change, reason] of cases)
    it(what, () => {
      const server = story();
      expect(refusal(server, change)).toMatch(reason);
    });

  it("nesting deeper than allowed", () => {
    const server = story();
    expect(
      refusal(server, (d) => {
        let parent: Y.XmlElement | Y.XmlFragment = body(d);
        for (let i = 0; i < 60; i++) {
          const quote = new Y.XmlElement("blockquote");
          parent.insert(0, [quote]);
          parent = quote;
        }
      }),
    ).toMatch(/nested more than 48 deep/);
  });
});
