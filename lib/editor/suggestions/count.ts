import type * as Y from "yjs";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "../names";
import { readRichText } from "../y-reader";
import { listSuggestions } from "./list";

/** How many open suggestions a story's document holds (headline, deck, body and captions). */
export function openSuggestionCount(doc: Y.Doc): number {
  return [Y_HEADLINE, Y_DECK, Y_BODY].reduce(
    (sum, name) => sum + listSuggestions(readRichText(doc, name, false)).length,
    0,
  );
}
