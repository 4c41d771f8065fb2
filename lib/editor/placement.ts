import type { MarkType } from "@tiptap/pm/model";
import { attributeProblem } from "./attribute-types";
import { suggestionAuthorProblem } from "./suggestions/authorship";
import {
  TypeRef,
  type ContentView,
  type ElementRule,
  type MapRule,
  type Rule,
  type Slot,
  type TextRule,
} from "./story-layout";
import { describeValue, type ValueContext } from "./value-types";

/**
 * Where content may go in a story's Y.Doc: the one decision the update guard, the document check
 * and the readers share, made from the rules of story-layout.ts.
 */

/** A key or name as a refusal quotes it: never more than 40 characters of it. */
export function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

function contentName(content: ContentView): string {
  if (content.kind === "type")
    return content.typeRef === TypeRef.xmlElement
      ? `a ${quote(content.name ?? "")} node`
      : "a shared type";
  if (content.kind === "any")
    return content.values.map(describeValue).join(", ") || "nothing";
  if (content.kind === "string") return "text";
  if (content.kind === "format") return `formatting ${quote(content.key)}`;
  if (content.kind === "binary") return `${content.bytes.length} bytes`;
  return `${content.kind} content`;
}

/**
 * Whether `content`, stored in a shared type of `rule` at `key` (null: in its sequence), fits the
 * layout. Returns the rule of the new shared type when `content` is one, true for a fitting value,
 * or why it does not fit. Deleted content fits anywhere.
 */
export function place(
  rule: Rule,
  key: string | null,
  content: ContentView,
  context?: ValueContext,
): Rule | true | string {
  if (content.kind === "deleted") return true;
  switch (rule.kind) {
    case "element":
      return key === null
        ? placeChild(rule, content)
        : placeAttribute(rule, key, content);
    case "text":
      return key === null
        ? placeInText(rule, content, context)
        : `${rule.label}: text holds no keyed values, got ${quote(key)}`;
    case "map":
      return key === null
        ? `${rule.label} holds only keyed values, got ${contentName(content)}`
        : placeInMap(rule, key, content, context);
    case "array":
      if (key !== null)
        return `${rule.label} holds no keyed values, got ${quote(key)}`;
      if (content.kind !== "any")
        return `${rule.label} holds ${rule.item.description}, got ${contentName(content)}`;
      for (const value of content.values)
        if (!rule.item.test(value, context))
          return `${rule.label} holds ${rule.item.description}, got ${describeValue(value)}`;
      return true;
  }
}

function placeChild(rule: ElementRule, content: ContentView): Rule | string {
  if (content.kind === "type" && content.typeRef === TypeRef.xmlElement) {
    const name = content.name ?? "";
    const child = rule.elements.get(name);
    if (child) return child;
    const known = Object.prototype.hasOwnProperty.call(
      rule.node.schema.nodes,
      name,
    );
    return known
      ? `${rule.label}: ${quote(name)} cannot stand here`
      : `${rule.label}: unknown node ${quote(name)}`;
  }
  if (content.kind === "type" && content.typeRef === TypeRef.xmlText)
    return rule.text ?? `${rule.label}: text cannot stand directly here`;
  return `${rule.label} holds only nodes and text, got ${contentName(content)}`;
}

function placeAttribute(
  rule: ElementRule,
  key: string,
  content: ContentView,
): true | string {
  const declared =
    rule.attributes &&
    Object.prototype.hasOwnProperty.call(rule.attributes, key)
      ? rule.attributes[key]
      : undefined;
  if (!declared) return `${rule.label}: unknown attribute ${quote(key)}`;
  const expected = `${rule.label}: attribute ${key} must be ${declared.type.description}`;
  if (content.kind !== "any") return `${expected}, got ${contentName(content)}`;
  for (const value of content.values)
    if (!declared.type.test(value))
      return `${expected}, got ${describeValue(value)}`;
  return true;
}

/** Formatting keys: a mark's name, or `name--hash` for marks that may overlap themselves. */
const hashedMarkKey = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** The mark a formatting key names in `rule`, or undefined. */
export function markOfKey(rule: TextRule, key: string): MarkType | undefined {
  const mark = rule.marks.get(key);
  if (mark) return mark.excludes(mark) ? mark : undefined;
  const hashed = hashedMarkKey.exec(key)?.[1];
  const overlapping = hashed === undefined ? undefined : rule.marks.get(hashed);
  return overlapping && !overlapping.excludes(overlapping)
    ? overlapping
    : undefined;
}

function placeInText(
  rule: TextRule,
  content: ContentView,
  context?: ValueContext,
): true | string {
  if (content.kind === "string") return true;
  if (content.kind !== "format")
    return `${rule.label} holds only characters and marks, got ${contentName(content)}`;
  // Null ends a mark, whichever it was.
  if (content.value === null)
    return content.key.length <= 64
      ? true
      : `${rule.label}: formatting key too long`;
  const mark = markOfKey(rule, content.key);
  if (!mark)
    return `${rule.label}: mark ${quote(content.key)} is not allowed here`;
  const problem =
    attributeProblem(mark, content.value) ??
    suggestionAuthorProblem(mark.name, content.value, context);
  return problem === null
    ? true
    : `${rule.label}: mark ${mark.name} ${problem}`;
}

function placeInMap(
  rule: MapRule,
  key: string,
  content: ContentView,
  context?: ValueContext,
): Rule | true | string {
  const slot =
    rule.keys.get(key) ??
    (rule.anyKey?.pattern.test(key) ? rule.anyKey.slot : undefined);
  if (!slot) return `${rule.label}: unknown key ${quote(key)}`;
  const where = `${rule.label} › ${key}`;
  if (content.kind === "any" && slot.value) {
    for (const value of content.values)
      if (!slot.value.test(value, context))
        return `${where} must be ${slot.value.description}, got ${describeValue(value)}`;
    return true;
  }
  if (content.kind === "binary" && slot.binaryMax !== undefined)
    return content.bytes.length <= slot.binaryMax
      ? true
      : `${where} must be at most ${slot.binaryMax} bytes`;
  if (
    content.kind === "type" &&
    content.typeRef === TypeRef.array &&
    slot.array
  )
    return slot.array;
  if (content.kind === "type" && content.typeRef === TypeRef.map && slot.map)
    return slot.map;
  return `${where} must be ${slotDescription(slot)}, got ${contentName(content)}`;
}

function slotDescription(slot: Slot): string {
  const kinds: string[] = [];
  if (slot.value) kinds.push(slot.value.description);
  if (slot.binaryMax !== undefined)
    kinds.push(`at most ${slot.binaryMax} bytes`);
  if (slot.array) kinds.push(`a Y.Array of ${slot.array.item.description}`);
  if (slot.map) kinds.push("a Y.Map");
  return kinds.join(", or ");
}
