import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { FIGURE_ALT, FIGURE_CREDIT } from "../figure";
import { countWords } from "../word-count";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "../names";
import { readRichText } from "../y-reader";
import { listSuggestions } from "./list";
import { INSERTION } from "./marks";

/** How many open suggestions a story's document holds (headline, deck, body and captions). */
export function openSuggestionCount(doc: Y.Doc): number {
  return [Y_HEADLINE, Y_DECK, Y_BODY].reduce(
    (sum, name) => sum + listSuggestions(readRichText(doc, name, false)).length,
    0,
  );
}

/**
 * The body's words as readers will see them, and as the story list counts them: a photo's credit
 * and alt text are not words of the story, and a pending suggested insertion is not in it yet.
 */
export function readerWordCount(body: PMNode): number {
  const blocks: string[] = [];
  body.descendants((node) => {
    if (node.type.name === FIGURE_CREDIT || node.type.name === FIGURE_ALT)
      return false;
    if (!node.isTextblock) return true;
    let text = "";
    node.forEach((child) => {
      if (child.isText && !child.marks.some((m) => m.type.name === INSERTION))
        text += child.text;
    });
    blocks.push(text);
    return false;
  });
  return countWords(blocks.join("\n"));
}
