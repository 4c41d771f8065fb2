import { getSchema, Mark, Node } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { bodyExtensions } from "./extensions";
import { markOfKey, place } from "./placement";
import {
  richTextRule,
  rootRule,
  TypeRef,
  type ElementRule,
} from "./story-layout";

const element = (name: string) =>
  ({ kind: "type", typeRef: TypeRef.xmlElement, name }) as const;
const text = { kind: "type", typeRef: TypeRef.xmlText, name: null } as const;

describe("the story layout", () => {
  it("derives which node may hold which, and where text stands, from the schema", () => {
    const body = rootRule("body") as ElementRule;
    expect([...body.elements.keys()].sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "figure",
        "heading",
        "horizontalRule",
        "orderedList",
        "paragraph",
      ].sort(),
    );
    expect(body.text).toBeNull();
    const list = body.elements.get("bulletList")!;
    expect([...list.elements.keys()]).toEqual(["listItem"]);
    expect(list.text).toBeNull();
    expect(list.elements.get("listItem")!.elements.has("bulletList")).toBe(
      true,
    );
    const withText = [...new Set(flatten(body))]
      .filter((r) => r.text)
      .map((r) => r.node.name)
      .sort();
    expect(withText).toEqual([
      "figureAlt",
      "figureCaption",
      "figureCredit",
      "heading",
      "paragraph",
    ]);
    const figure = body.elements.get("figure")!;
    expect(figure.text).toBeNull();
    expect([...figure.elements.keys()]).toEqual([
      "figureCaption",
      "figureCredit",
      "figureAlt",
    ]);
    expect([
      ...figure.elements.get("figureCredit")!.text!.marks.keys(),
    ]).toEqual([]);
    expect(
      [...body.elements.get("paragraph")!.text!.marks.keys()].sort(),
    ).toEqual([
      "bold",
      "deletion",
      "insertion",
      "italic",
      "link",
      "modification",
    ]);
    const headline = rootRule("headline") as ElementRule;
    expect([...headline.elements.keys()]).toEqual(["paragraph"]);
    expect(
      [...headline.elements.get("paragraph")!.text!.marks.keys()].sort(),
    ).toEqual(["bold", "deletion", "insertion", "italic", "modification"]);
    expect(rootRule("prosemirror")).toBeUndefined();
    expect(rootRule("__proto__")).toBeUndefined();
  });

  it("follows the schema when a figure's credit becomes shared text (a child node)", () => {
    const Caption = Node.create({ name: "figureCaption", content: "inline*" });
    const Credit = Node.create({
      name: "figureCredit",
      content: "text*",
      marks: "",
    });
    const schema = getSchema([
      ...bodyExtensions().map((e) =>
        e.name === "figure"
          ? e.extend({ content: "figureCaption figureCredit" })
          : e,
      ),
      Caption,
      Credit,
    ]);
    const figure = richTextRule("body", schema).elements.get("figure")!;
    expect(figure.text).toBeNull();
    expect([...figure.elements.keys()]).toEqual([
      "figureCaption",
      "figureCredit",
    ]);
    const credit = place(figure, null, element("figureCredit"));
    expect(credit).toMatchObject({
      kind: "element",
      label: "body › figureCredit",
    });
    expect(place(credit as ElementRule, null, text)).toMatchObject({
      kind: "text",
    });
    expect(
      place((credit as ElementRule).text!, null, {
        kind: "format",
        key: "bold",
        value: {},
      }),
    ).toMatch(/mark "bold" is not allowed here/);
  });

  it("reads formatting keys of marks that may overlap themselves as y-prosemirror writes them", () => {
    const schema = getSchema([
      ...bodyExtensions(),
      Mark.create({ name: "comment", excludes: "" }),
    ]);
    const rule = richTextRule("body", schema).elements.get("paragraph")!.text!;
    expect(markOfKey(rule, "comment--a1B2+/=c")?.name).toBe("comment");
    expect(markOfKey(rule, "comment")).toBeUndefined();
    expect(markOfKey(rule, "bold")?.name).toBe("bold");
    expect(markOfKey(rule, "bold--a1B2+/=c")).toBeUndefined();
  });
});

function flatten(
  rule: ElementRule,
  seen = new Set<ElementRule>(),
): ElementRule[] {
  if (seen.has(rule)) return [];
  seen.add(rule);
  return [
    rule,
    ...[...rule.elements.values()].flatMap((r) => flatten(r, seen)),
  ];
}
