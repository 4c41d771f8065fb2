import { mergeAttributes, Node } from "@tiptap/core";
import { isUploadUrl } from "../uploads/names";

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
  return Number.isFinite(n) && n > 0 ? n : null;
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
        parseHTML: (el) => el.querySelector("img")?.getAttribute("alt") ?? "",
        renderHTML: () => ({}),
      },
      credit: {
        default: "",
        parseHTML: (el) =>
          el.querySelector("[data-credit]")?.textContent?.trim() ?? "",
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
    const attrs = node.attrs as FigureAttributes;
    const src = isAllowedImageSrc(attrs.src) ? attrs.src : "";
    const img: Record<string, string> = { src, alt: attrs.alt ?? "" };
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
    return [
      "figure",
      mergeAttributes(HTMLAttributes, { class: "story-figure" }),
      ["img", img],
      figcaption,
    ];
  },
});
