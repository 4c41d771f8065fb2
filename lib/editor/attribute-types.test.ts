import { getSchema, Mark, Node } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import {
  MARK_ATTRIBUTES,
  NODE_ATTRIBUTES,
  typedAttributes,
  undeclaredAttributes,
} from "./attribute-types";
import { bodyExtensions, singleLineExtensions } from "./extensions";
import { bodySchema, singleLineSchema } from "./schema";

describe("declared attribute types", () => {
  it("cover every node, mark and attribute of both schemas, and nothing else", () => {
    expect(undeclaredAttributes(bodySchema())).toEqual([]);
    expect(undeclaredAttributes(singleLineSchema())).toEqual([]);
    const names = (s: ReturnType<typeof bodySchema>) => [
      ...Object.keys(s.nodes),
      ...Object.keys(s.marks),
    ];
    const used = new Set([
      ...names(bodySchema()),
      ...names(singleLineSchema()),
    ]);
    expect(
      [...Object.keys(NODE_ATTRIBUTES), ...Object.keys(MARK_ATTRIBUTES)].filter(
        (name) => !used.has(name),
      ),
    ).toEqual([]);
  });

  it("notice when the schema gains an attribute, a node or a mark", () => {
    const schema = getSchema([
      ...bodyExtensions(),
      Mark.create({ name: "highlight" }),
      Node.create({ name: "video", group: "block", atom: true }),
      Node.create({
        name: "figureSource",
        content: "text*",
        addAttributes: () => ({ source: { default: null } }),
      }),
    ]);
    const extended = getSchema(
      singleLineExtensions().map((e) =>
        e.name === "paragraph"
          ? e.extend({ addAttributes: () => ({ align: { default: "left" } }) })
          : e,
      ),
    );
    expect(undeclaredAttributes(schema)).toEqual([
      "node video: not declared",
      "node figureSource: not declared",
      "mark highlight: not declared",
    ]);
    expect(undeclaredAttributes(extended)).toEqual([
      "node paragraph: attribute align has no declared type",
    ]);
  });

  it("give each attribute its value, its fallback, or no node at all", () => {
    const { figure, heading } = bodySchema().nodes;
    const link = bodySchema().marks.link!;
    const src = "/uploads/0123456789abcdef0123456789abcdef.jpg";
    const stored = (values: Record<string, unknown>) => (key: string) =>
      values[key];
    expect(
      typedAttributes(
        figure!,
        stored({ src, credit: ["script"], alt: 5, width: 3.5, height: 9 }),
      ),
    ).toEqual({ src, width: null, height: 9 });
    expect(typedAttributes(figure!, stored({ src: "/x.png" }))).toBeNull();
    expect(typedAttributes(heading!, stored({ level: 1 }))).toEqual({
      level: 2,
    });
    expect(typedAttributes(heading!, stored({ level: 3 }))).toEqual({
      level: 3,
    });
    expect(typedAttributes(link, stored({ href: "javascript:x" }))).toBeNull();
    expect(
      typedAttributes(link, stored({ href: "https://a.example", title: 7 })),
    ).toMatchObject({ href: "https://a.example", title: null });
  });
});
