import type { Mark, Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { typedAttributes } from "./attribute-types";
import { FIGURE_CAPTION, figureContent } from "./figure";
import { isLegacyFigure, legacyFigureText } from "./figure-migration";
import { markOfKey } from "./placement";
import {
  MAX_NESTING,
  rootRule,
  type ElementRule,
  type TextRule,
} from "./story-layout";
import { withoutPendingSuggestions } from "./suggestions/view";
import { fitNode, markSet, typedMark } from "./typed-node";
import type { SharedType } from "./y-layout";

/**
 * A rich-text field of a story (headline, deck, body) as a node of its schema, built only from
 * what the layout allows: unknown nodes, nodes where they may not stand, text where none may
 * stand, attributes of the wrong type (their fallback is used, or the node is dropped) and
 * marks that are not allowed are left out. Pending suggestions are read as rejected (what readers
 * see) unless `pendingRejected` is false. Reads `doc` without changing it; never throws.
 */
export function readRichText(
  doc: Y.Doc,
  name: string,
  pendingRejected = true,
): PMNode {
  const rule = rootRule(name);
  if (!rule || rule.kind !== "element")
    throw new Error(`${name} is not a rich-text field of a story`);
  const top = rule.node;
  const node =
    fitNode(top, {}, readRichTextBlocks(doc, name)) ??
    top.createAndFill() ??
    top.create();
  return pendingRejected ? withoutPendingSuggestions(node) : node;
}

/**
 * The nodes of a rich-text field's top level, each typed as in readRichText, before the top
 * node's content expression is applied (a headline of two paragraphs keeps both).
 */
export function readRichTextBlocks(doc: Y.Doc, name: string): PMNode[] {
  const rule = rootRule(name);
  if (!rule || rule.kind !== "element") return [];
  try {
    return readChildren(doc.getXmlFragment(name), rule, 0);
  } catch {
    // Only a root of another type under this name (never ours) gets here.
    return [];
  }
}

function readChildren(
  type: SharedType,
  rule: ElementRule,
  depth: number,
): PMNode[] {
  const children: PMNode[] = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlElement) {
      const childRule = rule.elements.get(child.nodeName);
      if (!childRule || depth + 1 > MAX_NESTING) continue;
      const node = readElement(child, childRule, depth + 1);
      if (node) children.push(node);
    } else if (child instanceof Y.XmlText && rule.text) {
      readText(child, rule, rule.text, children);
    }
  }
  return children;
}

function readElement(
  element: Y.XmlElement,
  rule: ElementRule,
  depth: number,
): PMNode | null {
  const attrs = typedAttributes(rule.node, (key) => {
    const item = element._map.get(key);
    if (!item || item.deleted) return undefined;
    // A value set by setAttribute; anything else (a shared type, bytes) is not of any type.
    return item.content instanceof Y.ContentAny
      ? (item.content.arr[item.content.arr.length - 1] as unknown)
      : item.content;
  });
  if (attrs === null) return null;
  if (isLegacyFigure(element))
    return readLegacyFigure(element, rule, attrs, depth);
  return fitNode(rule.node, attrs, readChildren(element, rule, depth));
}

/**
 * A figure stored in the old form (caption as its text, credit and alt as attributes; see
 * figure-migration.ts) in the new: versions keep the old form for good.
 */
function readLegacyFigure(
  element: Y.XmlElement,
  rule: ElementRule,
  attrs: Record<string, unknown>,
  depth: number,
): PMNode | null {
  const captionRule = rule.elements.get(FIGURE_CAPTION);
  const [emptyCaption, credit, alt] = figureContent(rule.node.schema, {
    credit: legacyFigureText(element, "credit"),
    alt: legacyFigureText(element, "alt"),
  });
  const caption =
    (captionRule &&
      fitNode(
        captionRule.node,
        {},
        readChildren(element, captionRule, depth),
      )) ??
    emptyCaption!;
  return fitNode(rule.node, attrs, [caption, credit!, alt!]);
}

/** The text nodes of an XmlText: its characters, under the marks its formatting sets. */
function readText(
  text: Y.XmlText,
  parent: ElementRule,
  rule: TextRule,
  out: PMNode[],
): void {
  const schema = parent.node.schema;
  const formats = new Map<string, unknown>();
  let marks: readonly Mark[] | null = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) formats.delete(content.key);
      else formats.set(content.key, content.value);
      marks = null;
    } else if (content instanceof Y.ContentString && content.str !== "") {
      marks ??= marksOf(formats, parent, rule);
      out.push(schema.text(content.str, marks));
    }
  }
}

function marksOf(
  formats: Map<string, unknown>,
  parent: ElementRule,
  rule: TextRule,
): readonly Mark[] {
  const marks: Mark[] = [];
  for (const [key, value] of formats) {
    const type = markOfKey(rule, key);
    const mark = type ? typedMark(type, value) : null;
    if (mark) marks.push(mark);
  }
  return markSet(parent.node, marks);
}
