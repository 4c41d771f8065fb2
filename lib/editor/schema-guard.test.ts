import { Slice } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { FIGURE_CREDIT_MAX } from "./attribute-types";
import { bodySchema } from "./schema";
import { schemaGuardPlugin } from "./schema-guard";

const src = "/uploads/0123456789abcdef0123456789abcdef.jpg";

function editor() {
  const schema = bodySchema();
  const plugin = schemaGuardPlugin();
  const doc = schema.nodeFromJSON({
    type: "doc",
    content: [
      { type: "figure", attrs: { src, alt: "", credit: "" } },
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
        { type: "figure", attrs: { src, alt: "x".repeat(5000) } },
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
      {
        type: "figure",
        attrs: { src, alt: "", credit: "", width: null, height: null },
      },
    ]);
  });

  it("does not make a local change that would write an attribute of the wrong type", () => {
    const { state } = editor();
    const figure = state.doc.child(0);
    const credit = (value: string) =>
      state
        .apply(
          state.tr.setNodeMarkup(0, undefined, {
            ...figure.attrs,
            credit: value,
          }),
        )
        .doc.child(0).attrs.credit as string;
    expect(credit("AP")).toBe("AP");
    expect(credit("x".repeat(FIGURE_CREDIT_MAX + 1))).toBe("");
    const link = state.schema.marks.link!;
    const marked = (href: string) =>
      state.apply(state.tr.addMark(3, 5, link.create({ href }))).doc.child(1)
        .firstChild!.marks.length;
    expect(marked("https://a.example")).toBe(1);
    expect(marked("javascript:alert(1)")).toBe(0);
    // Remote changes come through the binding and are not second-guessed here.
    const remote = state.tr
      .setNodeMarkup(0, undefined, { ...figure.attrs, credit: "x".repeat(400) })
      .setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(state.apply(remote).doc.child(0).attrs.credit).toHaveLength(400);
  });
});
