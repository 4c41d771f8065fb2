import * as Y from "yjs";
import type { ValueContext } from "../value-types";
import { parseSuggestionId } from "./id";
import { STORED_SUGGESTION_MARKS } from "./marks";

/**
 * Why a suggestion mark's value (already of its declared type) may not be written by the
 * context's writer; null when it may. A writer makes suggestions in their own name only; another
 * person's id is allowed when that suggestion is already in the story (text carried along by
 * y-prosemirror when a paragraph is joined or a deletion undone). Without a writer (a stored
 * document being checked) authorship is not in question.
 */
export function suggestionAuthorProblem(
  markName: string,
  value: unknown,
  context: ValueContext | undefined,
): string | null {
  if (!STORED_SUGGESTION_MARKS.includes(markName) || !context?.writer)
    return null;
  const id = (value as { id?: unknown }).id;
  const author = parseSuggestionId(id);
  if (!author) return null;
  if (author.userId === context.writer.id) return null;
  if (context.suggestionInStory?.(id as string)) return null;
  return "claims a new suggestion by another user";
}

/** The ids of every suggestion mark the document holds or held (deleted formatting included). */
export function suggestionIdsIn(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const structs of doc.store.clients.values())
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const content = struct.content;
      if (
        content instanceof Y.ContentFormat &&
        STORED_SUGGESTION_MARKS.includes(content.key) &&
        content.value !== null
      ) {
        const id = (content.value as { id?: unknown }).id;
        if (typeof id === "string") ids.add(id);
      }
    }
  return ids;
}

/** A lookup of suggestion ids in `doc`, scanning it only once and only if asked. */
export function lazySuggestionLookup(doc: Y.Doc): (id: string) => boolean {
  let ids: Set<string> | undefined;
  return (id) => (ids ??= suggestionIdsIn(doc)).has(id);
}
