import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { bodyExtensions } from "./extensions";
import {
  FIGURE_ALT,
  FIGURE_CREDIT,
  figureParts,
  type FigureParts,
} from "./figure";
import { bodySchema } from "./schema";
import { typedNode } from "./typed-node";

/**
 * Renders a body node to HTML with the same extensions the editor uses. Only schema nodes and
 * marks can appear, each attribute of its declared type (see typedNode: a figure whose image is
 * not one of our uploads and a link that is not safe are left out); text and attributes are
 * escaped.
 */
export function renderBodyHtml(body: PMNode): string {
  const content = typedNode(body) ?? bodySchema().topNodeType.createAndFill()!;
  return renderToHTMLString({ content, extensions: bodyExtensions() }).replace(
    HIDDEN_FIELDS,
    "",
  );
}

/**
 * What a page shows only as an attribute: a figure's alt text (the img's alt; see FigureAlt's
 * markup) and an empty credit. Their text is plain and escaped, so it holds no "<".
 */
const HIDDEN_FIELDS =
  /<span data-alt="" hidden="">[^<]*<\/span>|<small data-credit=""><\/small>/g;

/** The body as it is published: empty paragraphs (stray Enter presses) removed. */
export function bodyForPublication(body: PMNode): PMNode {
  const kept: PMNode[] = [];
  body.forEach((child) => {
    if (!(child.type.name === "paragraph" && child.content.size === 0))
      kept.push(child);
  });
  return body.copy(Fragment.fromArray(kept));
}

/** Plain text of a body, block by block (a photo's caption, but not its credit or alt text). */
export function bodyText(body: PMNode): string {
  const blocks: string[] = [];
  body.descendants((node) => {
    if (node.type.name === FIGURE_CREDIT || node.type.name === FIGURE_ALT)
      return false;
    if (node.isTextblock) {
      blocks.push(node.textContent);
      return false;
    }
    return true;
  });
  return blocks.join("\n\n");
}

/** The first figure of the body with one of our uploads as its image, if any: the lead image. */
export function firstFigure(body: PMNode): FigureParts | null {
  let found: FigureParts | null = null;
  body.descendants((node) => {
    if (found) return false;
    if (node.type.name === "figure") {
      const attrs = figureParts(node);
      if (attrs.src) found = attrs;
      return false;
    }
    return true;
  });
  return found;
}
