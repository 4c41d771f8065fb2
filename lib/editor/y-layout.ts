import * as Y from "yjs";
import { place, quote } from "./placement";
import {
  MAX_NESTING,
  rootRule,
  TypeRef,
  type ContentView,
  type Rule,
} from "./story-layout";
import { plainSize, utf8Length } from "./value-types";

/** Any shared type (Yjs types are generic in their event type, which nothing here looks at). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SharedType = Y.AbstractType<any>;

/** Where a shared type stands in a story: the rule of what it may hold, and how deep it is. */
export interface Where {
  rule: Rule;
  depth: number;
}

/** The view of a shared type as the content that created it. */
export function viewOfType(type: SharedType): ContentView {
  const c = type.constructor;
  const typeRef =
    c === Y.XmlElement
      ? TypeRef.xmlElement
      : c === Y.XmlText
        ? TypeRef.xmlText
        : c === Y.XmlFragment
          ? TypeRef.xmlFragment
          : c === Y.XmlHook
            ? TypeRef.xmlHook
            : c === Y.Text
              ? TypeRef.text
              : c === Y.Array
                ? TypeRef.array
                : c === Y.Map
                  ? TypeRef.map
                  : -1;
  const name =
    type instanceof Y.XmlElement
      ? type.nodeName
      : type instanceof Y.XmlHook
        ? type.hookName
        : null;
  return { kind: "type", typeRef, name };
}

/** The view of an integrated item's content. */
export function viewOfContent(content: Y.Item["content"]): ContentView {
  if (content instanceof Y.ContentString)
    return { kind: "string", str: content.str };
  if (content instanceof Y.ContentFormat)
    return { kind: "format", key: content.key, value: content.value };
  if (content instanceof Y.ContentType) return viewOfType(content.type);
  if (content instanceof Y.ContentAny)
    return { kind: "any", values: content.arr };
  if (content instanceof Y.ContentBinary)
    return { kind: "binary", bytes: content.content };
  if (content instanceof Y.ContentDeleted) return { kind: "deleted" };
  if (content instanceof Y.ContentEmbed) return { kind: "embed" };
  if (content instanceof Y.ContentJSON) return { kind: "json" };
  return { kind: "doc" };
}

/** About how many bytes `content` adds to a stored document. */
export function contentBytes(content: ContentView): number {
  switch (content.kind) {
    case "string":
      return utf8Length(content.str);
    case "any": {
      let size = 0;
      for (const value of content.values) size += plainSize(value);
      return size;
    }
    case "format":
      return utf8Length(content.key) + plainSize(content.value);
    case "type":
      return 1 + (content.name === null ? 0 : utf8Length(content.name));
    case "binary":
      return content.bytes.length;
    default:
      return 0;
  }
}

/** Where each shared type of a document stands, or why it is off the layout; never changes. */
const cache = new WeakMap<SharedType, Where | string>();

/**
 * Where `type`, a shared type of `doc`, stands in the story layout, or why it does not fit (an
 * unknown top-level name, a node that may not stand there…). Walks up to the root once per type.
 */
export function whereOfType(doc: Y.Doc, type: SharedType): Where | string {
  const chain: SharedType[] = [];
  let where: Where | string | undefined;
  for (let t = type; ;) {
    where = cache.get(t);
    if (where !== undefined) break;
    if (t._item === null) {
      where = whereOfRoot(doc, t);
      cache.set(t, where);
      break;
    }
    chain.push(t);
    t = t._item.parent as SharedType;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const t = chain[i]!;
    where = typeof where === "string" ? where : placeType(where, t);
    cache.set(t, where);
  }
  return where;
}

function placeType(parent: Where, type: SharedType): Where | string {
  const placed = place(parent.rule, type._item!.parentSub, viewOfType(type));
  if (typeof placed === "string") return placed;
  if (placed === true) return `${parent.rule.label}: not a shared type`;
  if (parent.depth + 1 > MAX_NESTING)
    return `${placed.label}: nested more than ${MAX_NESTING} deep`;
  return { rule: placed, depth: parent.depth + 1 };
}

function whereOfRoot(doc: Y.Doc, type: SharedType): Where | string {
  for (const [name, root] of doc.share) {
    if (root !== type) continue;
    const rule = rootRule(name);
    return rule ? { rule, depth: 0 } : `unknown top-level name ${quote(name)}`;
  }
  return "a type of another document";
}
