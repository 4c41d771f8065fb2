import type { Node as PMNode } from "@tiptap/pm/model";
import { FIGURE_CAPTION } from "../figure";
import { parseSuggestionId } from "./id";
import { DELETION, INSERTION } from "./marks";

/** One open suggestion of a field: what it inserts and deletes, who made it and when. */
export interface SuggestionEntry {
  id: string;
  userId: string;
  at: Date;
  /** Text it would add (zero-width markers left out). */
  inserted: string;
  /** Text it would remove. */
  deleted: string;
  /** Where it starts in the field's document. */
  from: number;
  /** Where its last marked text ends (a comment on it covers from–to). */
  to: number;
  /** Whether it is in a photo's caption rather than the running text. */
  inCaption: boolean;
}

/** The open suggestions of a field's document, in the order they start. */
export function listSuggestions(doc: PMNode): SuggestionEntry[] {
  const byId = new Map<string, SuggestionEntry>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== INSERTION && mark.type.name !== DELETION) continue;
      const id = mark.attrs.id as unknown;
      const author = parseSuggestionId(id);
      if (!author) continue;
      let entry = byId.get(id as string);
      if (!entry) {
        entry = {
          id: id as string,
          userId: author.userId,
          at: author.at,
          inserted: "",
          deleted: "",
          from: pos,
          to: pos + node.nodeSize,
          inCaption: doc.resolve(pos).parent.type.name === FIGURE_CAPTION,
        };
        byId.set(entry.id, entry);
      }
      entry.to = Math.max(entry.to, pos + node.nodeSize);
      const text = node.text!.replace(/\u200B/g, "");
      if (mark.type.name === INSERTION) entry.inserted += text;
      else entry.deleted += text;
    }
    return false;
  });
  return [...byId.values()];
}

/** How many open suggestions a document holds. */
export function countSuggestions(doc: PMNode): number {
  return listSuggestions(doc).length;
}

/** Who may accept or reject whose suggestions (the UI's rule; see docs/suggestions.md). */
export interface Decider {
  id: string;
  /** An editor or admin: decides on everyone's suggestions. */
  desk: boolean;
  /** One of the story's authors: decides on the desk's suggestions. */
  author: boolean;
}

/**
 * Whether `viewer` may accept or reject a suggestion by `suggester` (`suggesterIsDesk`: whether
 * they are an editor or admin). Everyone may take back their own.
 */
export function mayDecide(
  viewer: Decider,
  suggesterId: string,
  suggesterIsDesk: boolean,
): boolean {
  return (
    viewer.desk ||
    suggesterId === viewer.id ||
    (viewer.author && suggesterIsDesk)
  );
}
