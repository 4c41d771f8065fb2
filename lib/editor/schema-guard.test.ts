import { Slice } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { figureJson } from "./figure";
import { bodySchema } from "./schema";
import { schemaGuardPlugin } from "./schema-guard";

const src = "/uploads/0123456789abcdef0123456789abcdef.jpg";

function editor() {
  const schema = bodySchema();
  const plugin = schemaGuardPlugin();
  const doc = schema.nodeFromJSON({
    type: "doc",
    content: [
      figureJson({ src }),
      { type: "paragraph", content: [{ type: "text", text: "Rain" }] },
    ],
  });
  return {
    schema,
    plugin,
    state: EditorState.create({ doc, plugins: [plugin] }),
  };
}

describe("the editor's schema guard", () => {
  it("types pasted content: attributes get their fallback, foreign images go", () => {
    const { schema, plugin } = editor();
    const pasted = schema.nodeFromJSON({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "a",
              marks: [
                {
                  type: "link",
                  attrs: { href: "https://a.example", title: 2024 },
                },
              ],
            },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: Number.NaN, type: "disc" },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
        { type: "figure", attrs: { src: "https://evil.example/x.png" } },
        figureJson({ src, alt: "A port", credit: "AP" }),
      ],
    });
    const typed = plugin.props.transformPasted!.call(
      plugin,
      new Slice(pasted.content, 0, 0),
      undefined as never,
      false,
    );
    expect(typed.content.toJSON()).toEqual([
      {
        type: "paragraph",
        content: [
          {
            type: "text",
            text: "a",
            marks: [
              {
                type: "link",
                attrs: {
                  href: "https://a.example",
                  target: null,
                  rel: "noopener noreferrer nofollow",
                  class: null,
                  title: null,
                },
              },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 1, type: null },
        content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
      },
      figureJson({ src, alt: "A port", credit: "AP" }),
    ]);
  });

  it("does not make a local change that would write an attribute of the wrong type", () => {
    const { state } = editor();
    const figure = state.doc.child(0);
    const width = (value: number) =>
      state
        .apply(
          state.tr.setNodeMarkup(0, undefined, {
            ...figure.attrs,
            width: value,
          }),
        )
        .doc.child(0).attrs.width as number | null;
    expect(width(800)).toBe(800);
    expect(width(3.5)).toBeNull();
    const link = state.schema.marks.link!;
    const rain = figure.nodeSize + 1;
    const marked = (href: string) =>
      state
        .apply(state.tr.addMark(rain, rain + 2, link.create({ href })))
        .doc.child(1).firstChild!.marks.length;
    expect(marked("https://a.example")).toBe(1);
    expect(marked("javascript:alert(1)")).toBe(0);
    // Remote changes come through the binding and are not second-guessed here.
    const remote = state.tr
      .setNodeMarkup(0, undefined, { ...figure.attrs, width: 3.5 })
      .setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(state.apply(remote).doc.child(0).attrs.width).toBe(3.5);
  });
});
