import * as Y from "yjs";
import { bodySchema, singleLineSchema } from "./schema";

let textblocks: Set<string> | undefined;

/** Names of the node types that hold text directly (paragraph, heading, figure caption). */
function textblockNames(): Set<string> {
  textblocks ??= new Set(
    [bodySchema(), singleLineSchema()].flatMap((schema) =>
      Object.values(schema.nodes)
        .filter((type) => type.isTextblock)
        .map((type) => type.name),
    ),
  );
  return textblocks;
}

/**
 * Gives every empty text block under `parent` one empty Y.XmlText. y-prosemirror writes an
 * empty paragraph as an element with no text child; when two people then type into it at the
 * same moment each creates a text child of their own, and the binding duplicates characters
 * reconciling two Yjs texts against one ProseMirror text run. With the child already there,
 * both insert into the same Y.XmlText and Yjs orders the characters.
 */
export function ensureTextChildren(parent: Y.XmlFragment | Y.XmlElement): void {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (textblockNames().has(child.nodeName)) {
      if (child.length === 0) child.insert(0, [new Y.XmlText()]);
    } else {
      ensureTextChildren(child);
    }
  }
}

/** Transaction origin of the text-child repairs (kept out of undo history). */
export const TEXT_CHILD_ORIGIN = Symbol("ensure-text-children");

/**
 * Keeps `fragment` free of empty text blocks without a text child as this client edits it:
 * after each local change that adds elements, the new empty ones get their Y.XmlText.
 * Returns a function that stops watching.
 */
export function keepTextChildren(fragment: Y.XmlFragment): () => void {
  const observer = (
    events: Array<Y.YEvent<Y.XmlElement | Y.XmlText>>,
    transaction: Y.Transaction,
  ) => {
    if (!transaction.local || transaction.origin === TEXT_CHILD_ORIGIN) return;
    const added = events.some((event) =>
      [...event.changes.added].some(
        (item) => item.content instanceof Y.ContentType,
      ),
    );
    if (!added) return;
    fragment.doc!.transact(
      () => ensureTextChildren(fragment),
      TEXT_CHILD_ORIGIN,
    );
  };
  fragment.observeDeep(observer);
  return () => fragment.unobserveDeep(observer);
}
