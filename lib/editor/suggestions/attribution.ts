import type { MarkType, Node as PMNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { parseSuggestionId } from "./id";
import { DELETION, INSERTION } from "./marks";

interface Fix {
  from: number;
  to: number;
  type: MarkType;
  id: string;
}

/** The suggestion mark (insertion or deletion) of a text node, if any. */
function suggestionMark(node: PMNode | null | undefined) {
  return node?.marks.find(
    (m) => m.type.name === INSERTION || m.type.name === DELETION,
  );
}

/**
 * Gives each suggested character of `tr` (a suggestion transaction the library made from the
 * document `before`) the author it really has: a character that was already suggested the same
 * way keeps its suggestion's id; one newly inserted or newly marked keeps the id the library gave
 * it when that is the writer's own (joining their adjacent suggestion), else gets `ownId`. The library
 * joins a change to an adjacent suggestion by taking its id, whoever made it; that would credit
 * one person's words to another (and the server refuses a new mark in someone else's name).
 * Changes `tr` in place.
 */
export function attributeSuggestions(
  tr: Transaction,
  before: PMNode,
  ownId: string,
): void {
  const back = tr.mapping.invert();
  const me = parseSuggestionId(ownId)?.userId;
  const fixes: Fix[] = [];
  tr.doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const mark = suggestionMark(node);
    if (!mark || !parseSuggestionId(mark.attrs.id)) return false;
    for (let i = 0; i < node.nodeSize; i++) {
      const at = pos + i;
      const start = back.mapResult(at, 1);
      const end = back.mapResult(at + 1, -1);
      // New here: joining one's own adjacent suggestion is right (a word typed key by key is
      // one suggestion); joining someone else's is not.
      const current = mark.attrs.id as string;
      let id = parseSuggestionId(current)?.userId === me ? current : ownId;
      if (!start.deleted && !end.deleted && end.pos - start.pos === 1) {
        const old = suggestionMark(before.nodeAt(start.pos));
        if (old?.type === mark.type) id = old.attrs.id as string;
      }
      if (id === mark.attrs.id) continue;
      const last = fixes[fixes.length - 1];
      if (last && last.to === at && last.id === id && last.type === mark.type)
        last.to = at + 1;
      else fixes.push({ from: at, to: at + 1, type: mark.type, id });
    }
    return false;
  });
  for (const fix of fixes) {
    tr.removeMark(fix.from, fix.to, fix.type);
    tr.addMark(fix.from, fix.to, fix.type.create({ id: fix.id }));
  }
}
