import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import { renderToHTMLString } from "@tiptap/static-renderer/pm/html-string";
import { bodyExtensions } from "./extensions";
import type { FigureAttributes } from "./figure";

/**
 * Renders a body node to HTML with the same extensions the editor uses. Only schema
 * nodes and marks can appear; text and attributes are escaped; unsafe links lose their href.
 */
export function renderBodyHtml(body: PMNode): string {
  return renderToHTMLString({ content: body, extensions: bodyExtensions() });
}

/** The body as it is published: empty paragraphs (stray Enter presses) removed. */
export function bodyForPublication(body: PMNode): PMNode {
  const kept: PMNode[] = [];
  body.forEach((child) => {
    if (!(child.type.name === "paragraph" && child.content.size === 0))
      kept.push(child);
  });
  return body.copy(Fragment.fromArray(kept));
}

/** Plain text of a body, block by block. */
export function bodyText(body: PMNode): string {
  const blocks: string[] = [];
  body.descendants((node) => {
    if (node.isTextblock) {
      blocks.push(node.textContent);
      return false;
    }
    return true;
  });
  return blocks.join("\n\n");
}

/** The first figure of the body, if any: the story's lead image. */
export function firstFigure(body: PMNode): FigureAttributes | null {
  let found: FigureAttributes | null = null;
  body.descendants((node) => {
    if (found) return false;
    if (node.type.name === "figure") {
      found = node.attrs as FigureAttributes;
      return false;
    }
    return true;
  });
  return found;
}
