import type { MarkType, NodeType, Schema } from "@tiptap/pm/model";
import { declaredAttributes, type AttributeType } from "./attribute-types";
import { COMMENT_MESSAGE, COMMENT_QUOTE_MAX } from "./comments";
import {
  META_BYLINES,
  META_DATELINE,
  META_SECTION,
  META_TAGS,
  Y_BODY,
  Y_COMMENTS,
  Y_DECK,
  Y_HEADLINE,
  Y_META,
} from "./names";
import { bodySchema, singleLineSchema } from "./schema";
import {
  boolean,
  checked,
  listOf,
  nullable,
  record,
  text,
  type ValueContext,
  type ValueType,
} from "./value-types";

/**
 * The shape of a story's Y.Doc: which shared types it has, and what each may hold. Rich text is
 * derived from the ProseMirror schema (node names, which node may hold which, which marks where;
 * attribute types from attribute-types.ts); the rest is declared here.
 */

export const SECTION_MAX = 200;
export const DATELINE_MAX = 500;
export const TAG_MAX = 60;
export const BYLINE_NAME_MAX = 200;
export const BYLINE_EMAIL_MAX = 320;
/** Shared types nested deeper than this (lists in lists in quotes…) are refused. */
export const MAX_NESTING = 48;

/** Yjs's type references (ContentType), as encoded. */
export const TypeRef = {
  array: 0,
  map: 1,
  text: 2,
  xmlElement: 3,
  xmlFragment: 4,
  xmlHook: 5,
  xmlText: 6,
} as const;

/** An item's content as the checks see it, whether decoded from an update or read off a doc. */
export type ContentView =
  | { kind: "deleted" }
  | { kind: "string"; str: string }
  | { kind: "format"; key: string; value: unknown }
  | { kind: "type"; typeRef: number; name: string | null }
  | { kind: "any"; values: unknown[] }
  | { kind: "binary"; bytes: Uint8Array }
  | { kind: "json" | "embed" | "doc" };

/** An XmlFragment root or XmlElement: its attributes, element children and text. */
export interface ElementRule {
  kind: "element";
  label: string;
  node: NodeType;
  /** Null for a root fragment, which holds no attributes. */
  attributes: Readonly<Record<string, AttributeType>> | null;
  elements: Map<string, ElementRule>;
  text: TextRule | null;
}

/** An XmlText: characters, and formatting with the marks its node allows. */
export interface TextRule {
  kind: "text";
  label: string;
  marks: ReadonlyMap<string, MarkType>;
}

/** What one key of a map may hold: a plain value, bytes, or a shared array or map. */
export interface Slot {
  value?: ValueType;
  binaryMax?: number;
  array?: ArrayRule;
  map?: MapRule;
}

export interface MapRule {
  kind: "map";
  label: string;
  keys: ReadonlyMap<string, Slot>;
  /** Keys outside `keys` matching the pattern (comment thread ids). */
  anyKey?: { pattern: RegExp; slot: Slot };
}

export interface ArrayRule {
  kind: "array";
  label: string;
  item: ValueType;
}

export type Rule = ElementRule | TextRule | MapRule | ArrayRule;

/** A tag of `meta.tags`. */
export const TAG = checked<string>(
  `a tag of 1 to ${TAG_MAX} characters`,
  (v) => typeof v === "string" && v.trim() !== "" && v.length <= TAG_MAX,
);
/** A byline of `meta.bylines`. */
export const BYLINE = record({
  name: text(BYLINE_NAME_MAX),
  email: text(BYLINE_EMAIL_MAX),
});
const signedMessage = checked(
  `a comment message ${COMMENT_MESSAGE.description} signed with the writer's own id and name`,
  (v, c?: ValueContext) =>
    COMMENT_MESSAGE.test(v) &&
    (c?.writer === undefined ||
      (v.author.id === c.writer.id && v.author.name === c.writer.name)),
);

function mapRule(
  label: string,
  keys: Record<string, Slot>,
  anyKey?: MapRule["anyKey"],
): MapRule {
  return { kind: "map", label, keys: new Map(Object.entries(keys)), anyKey };
}

/** `meta`: section and dateline (text or null), tags and bylines (Y.Array, or a legacy array). */
export const META_RULE: MapRule = mapRule(Y_META, {
  [META_SECTION]: { value: nullable(text(SECTION_MAX)) },
  [META_DATELINE]: { value: nullable(text(DATELINE_MAX)) },
  [META_TAGS]: {
    array: { kind: "array", label: `${Y_META} › ${META_TAGS}`, item: TAG },
    value: listOf(TAG, 500),
  },
  [META_BYLINES]: {
    array: {
      kind: "array",
      label: `${Y_META} › ${META_BYLINES}`,
      item: BYLINE,
    },
    value: listOf(BYLINE, 100),
  },
});

const THREAD_RULE = mapRule(`${Y_COMMENTS} › thread`, {
  anchor: { binaryMax: 1024 },
  head: { binaryMax: 1024 },
  quote: { value: text(COMMENT_QUOTE_MAX) },
  resolved: { value: boolean },
  createdAt: { value: text(64) },
  messages: {
    array: {
      kind: "array",
      label: `${Y_COMMENTS} › messages`,
      item: signedMessage,
    },
  },
});

/** `comments`: threads by id (see comments.ts). */
export const COMMENTS_RULE: MapRule = mapRule(
  Y_COMMENTS,
  {},
  { pattern: /^[A-Za-z0-9_-]{1,64}$/, slot: { map: THREAD_RULE } },
);

/** The story's top-level names and the schema of each rich-text one. */
export const RICH_TEXT_ROOTS: Readonly<Record<string, () => Schema>> = {
  [Y_HEADLINE]: singleLineSchema,
  [Y_DECK]: singleLineSchema,
  [Y_BODY]: bodySchema,
};
const MAP_ROOTS: Readonly<Record<string, MapRule>> = {
  [Y_META]: META_RULE,
  [Y_COMMENTS]: COMMENTS_RULE,
};

const roots = new Map<string, Rule>();

/** The rule of a top-level name, or undefined when a story has no such name. */
export function rootRule(name: string): Rule | undefined {
  let rule = roots.get(name);
  if (rule) return rule;
  if (Object.prototype.hasOwnProperty.call(MAP_ROOTS, name))
    rule = MAP_ROOTS[name];
  else if (Object.prototype.hasOwnProperty.call(RICH_TEXT_ROOTS, name))
    rule = richTextRule(name, RICH_TEXT_ROOTS[name]!());
  if (rule) roots.set(name, rule);
  return rule;
}

/** Every node type `node`'s content expression lets it hold, in any order or number. */
function childTypes(node: NodeType): NodeType[] {
  const types = new Set<NodeType>();
  const seen = new Set([node.contentMatch]);
  const queue = [node.contentMatch];
  for (let match = queue.pop(); match; match = queue.pop()) {
    for (let i = 0; i < match.edgeCount; i++) {
      const { type, next } = match.edge(i);
      types.add(type);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...types];
}

/**
 * The rule of an XmlFragment edited as `schema`'s top node, and of every node below it. Exported
 * for tests with other schemas; stories use rootRule.
 */
export function richTextRule(label: string, schema: Schema): ElementRule {
  const rules = new Map<NodeType, ElementRule>();
  const make = (node: NodeType, isRoot: boolean): ElementRule => ({
    kind: "element",
    label: isRoot ? label : `${label} › ${node.name}`,
    node,
    attributes: isRoot ? null : (declaredAttributes(node) ?? {}),
    elements: new Map(),
    text: null,
  });
  const fill = (rule: ElementRule) => {
    for (const child of childTypes(rule.node)) {
      if (child.isText) {
        const marks = new Map<string, MarkType>();
        for (const mark of Object.values(schema.marks))
          if (rule.node.allowsMarkType(mark)) marks.set(mark.name, mark);
        rule.text = { kind: "text", label: `${rule.label} › text`, marks };
        continue;
      }
      let childRule = rules.get(child);
      if (!childRule) {
        childRule = make(child, false);
        rules.set(child, childRule);
        fill(childRule);
      }
      rule.elements.set(child.name, childRule);
    }
  };
  const root = make(schema.topNodeType, true);
  fill(root);
  return root;
}
