import { mergeAttributes, Node } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { isUploadUrl } from "../uploads/names";
import {
  FIGURE_ALT_MAX,
  FIGURE_CREDIT_MAX,
  NODE_ATTRIBUTES,
} from "./attribute-types";

export interface FigureAttributes {
  src: string;
  alt: string;
  credit: string;
  width: number | null;
  height: number | null;
}

/**
 * Image URLs a figure may point at: only our own uploads. Images pasted from elsewhere
 * (tracking pixels, hot-linked photos) never enter a story.
 */
export function isAllowedImageSrc(src: unknown): src is string {
  return isUploadUrl(src);
}

function intAttr(value: string | null): number | null {
  if (!value) return null;
  const n = Number.parseInt(value, 10);
  return NODE_ATTRIBUTES.figure!.width!.type.test(n) ? n : null;
}

/**
 * A figure node's attributes, each of its declared type: a value of another type (whatever a
 * document held) reads as empty, and `src` is "" unless it is one of our uploads.
 */
export function figureAttributes(node: PMNode): FigureAttributes {
  const declared = NODE_ATTRIBUTES.figure!;
  const pick = <T>(key: keyof FigureAttributes, fallback: T): T => {
    const value = node.attrs[key] as unknown;
    return declared[key]!.type.test(value) ? (value as T) : fallback;
  };
  return {
    src: pick("src", ""),
    alt: pick("alt", ""),
    credit: pick("credit", ""),
    width: pick<number | null>("width", null),
    height: pick<number | null>("height", null),
  };
}

/**
 * A photo with its caption (the node's inline content), credit and alt text.
 * Rendered as `<figure><img><figcaption><span>caption</span><small>credit</small></figcaption></figure>`.
 */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  content: "inline*",
  marks: "bold italic link",
  draggable: true,
  isolating: true,
  defining: true,

  addAttributes() {
    return {
      src: {
        default: "",
        parseHTML: (el) => el.querySelector("img")?.getAttribute("src") ?? "",
        renderHTML: () => ({}),
      },
      alt: {
        default: "",
        parseHTML: (el) =>
          (el.querySelector("img")?.getAttribute("alt") ?? "").slice(
            0,
            FIGURE_ALT_MAX,
          ),
        renderHTML: () => ({}),
      },
      credit: {
        default: "",
        parseHTML: (el) =>
          (el.querySelector("[data-credit]")?.textContent?.trim() ?? "").slice(
            0,
            FIGURE_CREDIT_MAX,
          ),
        renderHTML: () => ({}),
      },
      width: {
        default: null,
        parseHTML: (el) =>
          intAttr(el.querySelector("img")?.getAttribute("width") ?? null),
        renderHTML: () => ({}),
      },
      height: {
        default: null,
        parseHTML: (el) =>
          intAttr(el.querySelector("img")?.getAttribute("height") ?? null),
        renderHTML: () => ({}),
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: "figure",
        // Our own markup keeps the credit beside the caption inside <figcaption>.
        contentElement: (el: HTMLElement) =>
          el.querySelector<HTMLElement>("[data-caption]") ??
          el.querySelector<HTMLElement>("figcaption") ??
          el,
        // A pasted or dropped figure whose image is not one of our uploads is not kept.
        getAttrs: (el) =>
          isAllowedImageSrc(el.querySelector("img")?.getAttribute("src"))
            ? null
            : false,
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const attrs = figureAttributes(node);
    const img: Record<string, string> = { src: attrs.src, alt: attrs.alt };
    if (attrs.width) img.width = String(attrs.width);
    if (attrs.height) img.height = String(attrs.height);
    const caption: [string, Record<string, string>, 0] = [
      "span",
      { "data-caption": "" },
      0,
    ];
    const figcaption = attrs.credit
      ? [
          "figcaption",
          {},
          caption,
          ["small", { "data-credit": "" }, attrs.credit],
        ]
      : ["figcaption", {}, caption];
    const figure = mergeAttributes(HTMLAttributes, { class: "story-figure" });
    // No image at all rather than one that is not ours.
    return attrs.src
      ? ["figure", figure, ["img", img], figcaption]
      : ["figure", figure, figcaption];
  },
});
