import { revertSuggestions } from "@handlewithcare/prosemirror-suggest-changes";
import { Fragment, type Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { DELETION, INSERTION } from "./marks";

/** Whether `node` holds any suggestion mark. */
export function hasSuggestions(node: PMNode): boolean {
  let found = false;
  node.descendants((child) => {
    if (found) return false;
    found = child.marks.some(
      (m) => m.type.name === INSERTION || m.type.name === DELETION,
    );
    return !found;
  });
  return found;
}

/**
 * `doc` (a top node) as if every pending suggestion were rejected: suggested insertions are
 * absent, suggested deletions present and unmarked. What the public site, feeds and versions
 * show. Uses the library's own reject, so the editor's Reject gives the same text. Never throws.
 */
export function withoutPendingSuggestions(doc: PMNode): PMNode {
  if (!hasSuggestions(doc)) return doc;
  try {
    let result = doc;
    revertSuggestions(EditorState.create({ doc }), (tr) => {
      result = tr.doc;
    });
    return hasSuggestions(result) ? stripSuggestions(result) : result;
  } catch {
    return stripSuggestions(doc);
  }
}

/**
 * `node` with suggested text dropped and deletion marks removed, block by block (blocks are not
 * joined). Exact for one line of text (headline, deck); the fallback for a body.
 */
export function stripSuggestions(node: PMNode): PMNode {
  if (node.isText) return node;
  const children: PMNode[] = [];
  node.forEach((child) => {
    if (child.isText) {
      if (child.marks.some((m) => m.type.name === INSERTION)) return;
      const marks = child.marks.filter((m) => m.type.name !== DELETION);
      const text = child.text!.replace(/\u200B/g, "");
      if (text) children.push(child.type.schema.text(text, marks));
      return;
    }
    children.push(stripSuggestions(child));
  });
  return node.copy(Fragment.fromArray(children));
}
