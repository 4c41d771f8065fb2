import {
  mergeAttributes,
  Node,
  type Editor,
  type JSONContent,
} from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import {
  DOMParser,
  Fragment,
  type Node as PMNode,
  type Schema,
} from "@tiptap/pm/model";
import { isUploadUrl } from "../uploads/names";
import {
  FIGURE_ALT_MAX,
  FIGURE_CREDIT_MAX,
  NODE_ATTRIBUTES,
} from "./attribute-types";

export interface FigureAttributes {
  src: string;
  width: number | null;
  height: number | null;
}

/** A figure's image and its texts: caption (inline content), credit and alt (plain text). */
export interface FigureParts extends FigureAttributes {
  caption: PMNode | null;
  credit: string;
  alt: string;
}

/** Names of the figure's three text fields, in their order. */
export const FIGURE_CAPTION = "figureCaption";
export const FIGURE_CREDIT = "figureCredit";
export const FIGURE_ALT = "figureAlt";

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
    width: pick<number | null>("width", null),
    height: pick<number | null>("height", null),
  };
}

/** A figure's attributes and its fields: credit and alt as plain text within their lengths. */
export function figureParts(node: PMNode): FigureParts {
  let caption: PMNode | null = null;
  let credit = "";
  let alt = "";
  node.forEach((child) => {
    if (child.type.name === FIGURE_CAPTION) caption ??= child;
    else if (child.type.name === FIGURE_CREDIT)
      credit ||= child.textContent.slice(0, FIGURE_CREDIT_MAX);
    else if (child.type.name === FIGURE_ALT)
      alt ||= child.textContent.slice(0, FIGURE_ALT_MAX);
  });
  return { ...figureAttributes(node), caption, credit, alt };
}

/** The caption's, credit's and alt text's content for a figure made from plain values. */
export function figureContent(
  schema: Schema,
  parts: { caption?: string; credit?: string; alt?: string },
): PMNode[] {
  const field = (name: string, text = "") =>
    schema.nodes[name]!.create(null, text ? schema.text(text) : null);
  return [
    field(FIGURE_CAPTION, parts.caption),
    field(FIGURE_CREDIT, parts.credit?.slice(0, FIGURE_CREDIT_MAX)),
    field(FIGURE_ALT, parts.alt?.slice(0, FIGURE_ALT_MAX)),
  ];
}

/** A figure as JSON content (imports, seeds, tests): its attributes and its three fields. */
export function figureJson(parts: {
  src: string;
  width?: number | null;
  height?: number | null;
  caption?: string | JSONContent[];
  credit?: string;
  alt?: string;
}): JSONContent {
  // As ProseMirror's toJSON writes it: an empty field has no content key.
  const field = (type: string, content: JSONContent[]): JSONContent =>
    content.length > 0 ? { type, content } : { type };
  const text = (value: string | undefined): JSONContent[] =>
    value ? [{ type: "text", text: value }] : [];
  return {
    type: "figure",
    attrs: {
      src: parts.src,
      width: parts.width ?? null,
      height: parts.height ?? null,
    },
    content: [
      field(
        FIGURE_CAPTION,
        typeof parts.caption === "string"
          ? text(parts.caption)
          : (parts.caption ?? []),
      ),
      field(FIGURE_CREDIT, text(parts.credit)),
      field(FIGURE_ALT, text(parts.alt)),
    ],
  };
}

/**
 * In the browser editor, a field of a figure: its label, then its text (a text box named by the
 * label, with a placeholder while empty). Plain DOM: the server never makes node views.
 */
function fieldView(label: string, placeholder: string, showLabel: boolean) {
  return ({ node }: { node: PMNode }) => {
    const dom = document.createElement("div");
    dom.className = `figure-field figure-field-${node.type.name}`;
    if (showLabel) {
      const name = document.createElement("span");
      name.className = "figure-field-label";
      name.contentEditable = "false";
      name.textContent = label;
      dom.append(name);
    }
    const text = document.createElement("div");
    text.className = "figure-field-text";
    text.setAttribute("role", "textbox");
    text.setAttribute("aria-label", label);
    text.dataset.placeholder = placeholder;
    dom.append(text);
    const mark = (n: PMNode) =>
      text.classList.toggle("is-empty", n.content.size === 0);
    mark(node);
    return {
      dom,
      contentDOM: text,
      update: (next: PMNode) => {
        if (next.type !== node.type) return false;
        mark(next);
        return true;
      },
    };
  };
}

/** Enter in a figure's field moves on to the next field, then past the figure: fields are one line. */
function enterMovesOn(editor: Editor, name: string): boolean {
  const { state, view } = editor;
  const { $from } = state.selection;
  if ($from.parent.type.name !== name) return false;
  const next = TextSelection.findFrom(
    state.doc.resolve($from.after()),
    1,
    true,
  );
  if (next) view.dispatch(state.tr.setSelection(next).scrollIntoView());
  return true;
}

const fieldBase = {
  group: "figureField",
  defining: true,
  selectable: false,
  draggable: false,
} as const;

/** A figure's caption: inline text with bold, italic, links and suggestions. */
export const FigureCaption = Node.create({
  ...fieldBase,
  name: FIGURE_CAPTION,
  addKeyboardShortcuts() {
    return { Enter: ({ editor }) => enterMovesOn(editor, FIGURE_CAPTION) };
  },
  content: "inline*",
  marks: "bold italic link insertion deletion",
  parseHTML: () => [{ tag: "span[data-caption]", context: "figure/" }],
  renderHTML: () => ["span", { "data-caption": "" }, 0],
  addNodeView: () => fieldView("Caption", "Write a caption…", false),
});

/** A figure's credit (photographer / agency): plain text, several people may type at once. */
export const FigureCredit = Node.create({
  ...fieldBase,
  name: FIGURE_CREDIT,
  addKeyboardShortcuts() {
    return { Enter: ({ editor }) => enterMovesOn(editor, FIGURE_CREDIT) };
  },
  content: "text*",
  marks: "",
  parseHTML: () => [{ tag: "small[data-credit]", context: "figure/" }],
  renderHTML: () => ["small", { "data-credit": "" }, 0],
  // Not words of the story (the editor's word count).
  renderText: () => "",
  addNodeView: () => fieldView("Credit", "Photographer / agency", true),
});

/** A figure's alt text: plain text, the img's alt on the site (never shown as text there). */
export const FigureAlt = Node.create({
  ...fieldBase,
  name: FIGURE_ALT,
  addKeyboardShortcuts() {
    return { Enter: ({ editor }) => enterMovesOn(editor, FIGURE_ALT) };
  },
  content: "text*",
  marks: "",
  parseHTML: () => [{ tag: "span[data-alt]", context: "figure/" }],
  renderHTML: () => ["span", { "data-alt": "", hidden: "" }, 0],
  renderText: () => "",
  addNodeView: () =>
    fieldView(
      "Alt text",
      "Describe the photo for readers who cannot see it",
      true,
    ),
});

/** Parses a figure's fields from our own markup: caption and credit in <figcaption>, alt on <img>. */
function parseFigureContent(el: HTMLElement, schema: Schema): Fragment {
  const captionEl =
    el.querySelector<HTMLElement>("[data-caption]") ??
    el.querySelector<HTMLElement>("figcaption");
  const caption = captionEl
    ? DOMParser.fromSchema(schema).parse(captionEl, {
        topNode: schema.nodes[FIGURE_CAPTION]!.create(),
      })
    : schema.nodes[FIGURE_CAPTION]!.create();
  const [, credit, alt] = figureContent(schema, {
    credit: el.querySelector("[data-credit]")?.textContent?.trim() ?? "",
    alt: el.querySelector("img")?.getAttribute("alt") ?? "",
  });
  return Fragment.from([caption, credit!, alt!]);
}

/**
 * A photo with its caption, credit and alt text, each a child node of its own so that several
 * people can type into any of them at once and their keystrokes merge.
 * Rendered as `<figure><img alt><figcaption><span>caption</span><small>credit</small></figcaption></figure>`
 * (see renderBodyHtml: the alt text is the img's attribute, not text of the page).
 */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  content: `${FIGURE_CAPTION} ${FIGURE_CREDIT} ${FIGURE_ALT}`,
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
        getContent: (el, schema) =>
          parseFigureContent(el as HTMLElement, schema),
        // A pasted or dropped figure whose image is not one of our uploads is not kept.
        getAttrs: (el) =>
          isAllowedImageSrc(el.querySelector("img")?.getAttribute("src"))
            ? null
            : false,
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const parts = figureParts(node);
    const img: Record<string, string> = { src: parts.src, alt: parts.alt };
    if (parts.width) img.width = String(parts.width);
    if (parts.height) img.height = String(parts.height);
    const figure = mergeAttributes(HTMLAttributes, { class: "story-figure" });
    // No image at all rather than one that is not ours.
    return parts.src
      ? ["figure", figure, ["img", img], ["figcaption", {}, 0]]
      : ["figure", figure, ["figcaption", {}, 0]];
  },
});
