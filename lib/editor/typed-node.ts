import {
  Fragment,
  Mark,
  type MarkType,
  type Node as PMNode,
  type NodeType,
} from "@tiptap/pm/model";
import { typedAttributes, typedAttributesOf } from "./attribute-types";

/**
 * A node of `type` holding what of `children` its content expression allows, in their order:
 * a child that cannot stand where it comes is dropped, a missing required one is filled in (an
 * empty paragraph in an empty list item). Null when no such node can be made. Never throws.
 */
export function fitNode(
  type: NodeType,
  attrs: Record<string, unknown>,
  children: readonly PMNode[],
): PMNode | null {
  try {
    const kept: PMNode[] = [];
    let match = type.contentMatch;
    for (const child of children) {
      let next = match.matchType(child.type);
      if (!next) {
        const filler = match.fillBefore(Fragment.from(child));
        const after = filler && match.matchFragment(filler);
        next = after ? after.matchType(child.type) : null;
        if (next) filler!.forEach((node) => kept.push(node));
      }
      if (!next) continue;
      kept.push(child);
      match = next;
    }
    const end = match.fillBefore(Fragment.empty, true);
    if (!end) return null;
    end.forEach((node) => kept.push(node));
    return type.create(attrs, Fragment.fromArray(kept));
  } catch {
    return null;
  }
}

/** `marks` as a mark set, keeping only those `parent` allows (a later one replaces an excluded one). */
export function markSet(
  parent: NodeType,
  marks: readonly Mark[],
): readonly Mark[] {
  let set: readonly Mark[] = Mark.none;
  for (const mark of marks)
    if (parent.allowsMarkType(mark.type)) set = mark.addToSet(set);
  return set;
}

/** A mark of `type` from stored attributes, or null when they cannot be made of their types. */
export function typedMark(type: MarkType, attrs: unknown): Mark | null {
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs))
    return null;
  const typed = typedAttributes(type, (key) =>
    Object.prototype.hasOwnProperty.call(attrs, key)
      ? (attrs as Record<string, unknown>)[key]
      : undefined,
  );
  return typed === null ? null : type.create(typed);
}

/**
 * A copy of `node` with every attribute of its declared type (or its fallback), only marks its
 * parent allows and children its content expression allows; null when `node` itself cannot be
 * kept (a figure whose image is not one of our uploads). Renderers use it so that what reaches
 * HTML is typed whatever built the node. Never throws.
 */
export function typedNode(node: PMNode, parent?: NodeType): PMNode | null {
  if (node.isText) {
    const marks: Mark[] = [];
    for (const mark of node.marks) {
      const attrs = typedAttributesOf(mark);
      if (attrs) marks.push(mark.type.create(attrs));
    }
    return node.type.schema.text(
      node.text!,
      parent ? markSet(parent, marks) : marks,
    );
  }
  const attrs = typedAttributesOf(node);
  if (attrs === null) return null;
  const children: PMNode[] = [];
  node.forEach((child) => {
    const typed = typedNode(child, node.type);
    if (typed) children.push(typed);
  });
  return fitNode(node.type, attrs, children);
}
