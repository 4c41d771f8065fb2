import type { Node as PMNode } from "@tiptap/pm/model";
import { diffWordsWithSpace } from "diff";
import { figureParts } from "./figure";

/** A story as the version view compares it: its fields as readable text. */
export interface ComparableStory {
  headline: string;
  deck: string;
  body: PMNode;
}

/** The body as blocks of readable text: paragraphs, headings, list items, photo captions. */
export function readableBlocks(body: PMNode): string[] {
  const blocks: string[] = [];
  body.descendants((node, _pos, parent) => {
    switch (node.type.name) {
      case "figure": {
        const { caption, credit } = figureParts(node);
        blocks.push(
          `[Photo] ${caption?.textContent || "(no caption)"} (${credit || "no credit"})`,
        );
        return false;
      }
      case "horizontalRule":
        blocks.push("———");
        return false;
      case "paragraph":
      case "heading":
        blocks.push(
          parent?.type.name === "listItem"
            ? `• ${node.textContent}`
            : node.textContent,
        );
        return false;
      default:
        return true;
    }
  });
  return blocks.filter((b) => b.trim() !== "" && b !== "• ");
}

function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * HTML paragraphs showing how `after` differs from `before`: insertions in <ins>, deletions in
 * <del>, word by word. All text is escaped.
 */
export function diffParagraphsHtml(before: string[], after: string[]): string {
  const parts = diffWordsWithSpace(before.join("\n\n"), after.join("\n\n"));
  const paragraphs: string[] = [];
  let current = "";
  for (const part of parts) {
    const tag = part.added ? "ins" : part.removed ? "del" : null;
    const segments = part.value.split("\n\n");
    segments.forEach((segment, i) => {
      if (i > 0) {
        paragraphs.push(current);
        current = "";
      }
      if (segment)
        current += tag
          ? `<${tag}>${escape(segment)}</${tag}>`
          : escape(segment);
    });
  }
  paragraphs.push(current);
  return paragraphs
    .filter((p) => p.replace(/<[^>]+>/g, "").trim() !== "")
    .map((p) => `<p>${p}</p>`)
    .join("");
}

/** The differences of headline, deck and body between two states of a story, as HTML. */
export function diffStories(
  before: ComparableStory,
  after: ComparableStory,
): { headline: string; deck: string; body: string } {
  return {
    headline: diffParagraphsHtml([before.headline], [after.headline]),
    deck: diffParagraphsHtml([before.deck], [after.deck]),
    body: diffParagraphsHtml(
      readableBlocks(before.body),
      readableBlocks(after.body),
    ),
  };
}
