import type {
  Mark,
  MarkType,
  Node as PMNode,
  NodeType,
  Schema,
} from "@tiptap/pm/model";
import { isUploadUrl } from "../uploads/names";
import { isSafeLinkHref } from "./links";
import { isSuggestionId } from "./suggestions/id";
import {
  checked,
  describeValue,
  integer,
  isPlainObject,
  nullable,
  oneOf,
  text,
  type ValueType,
} from "./value-types";

/** Heading levels a story body may use (h1 is the headline). */
export const BODY_HEADING_LEVELS = [2, 3] as const;

/** Longest figure alt text and credit that readers and the page keep (longer text is cut there). */
export const FIGURE_ALT_MAX = 1000;
export const FIGURE_CREDIT_MAX = 300;
/** Longest link target a story keeps. */
export const LINK_HREF_MAX = 2048;

/** The type of one node or mark attribute. */
export interface AttributeType {
  type: ValueType;
  /**
   * What a reader uses when the stored value is missing or not of the type. Without one, the
   * schema's default is used when it is of the type; otherwise the node or mark is dropped.
   */
  fallback?: unknown;
}

const imageSize = nullable(integer(1, 100_000));

/**
 * The declared type of every attribute of every node of the body and single-line schemas: what
 * the ProseMirror schema cannot say (Tiptap attributes are untyped). A test fails when the schema
 * gains a node or attribute missing here.
 */
export const NODE_ATTRIBUTES: Readonly<
  Record<string, Readonly<Record<string, AttributeType>>>
> = {
  doc: {},
  text: {},
  paragraph: {},
  blockquote: {},
  bulletList: {},
  listItem: {},
  horizontalRule: {},
  heading: {
    level: {
      type: oneOf(BODY_HEADING_LEVELS),
      fallback: BODY_HEADING_LEVELS[0],
    },
  },
  orderedList: {
    start: { type: integer(0, 1_000_000) },
    type: { type: nullable(oneOf(["1", "a", "A", "i", "I"])) },
  },
  figure: {
    src: {
      type: checked("the URL of one of our uploads", (v) => isUploadUrl(v)),
    },
    width: { type: imageSize },
    height: { type: imageSize },
  },
  figureCaption: {},
  figureCredit: {},
  figureAlt: {},
};

const suggestionId = checked(
  "a suggestion id (user id:epoch ms:nonce)",
  isSuggestionId,
);
/** The library's node-attribute change mark is never stored: no value is of this type. */
const neverStored = checked(
  "never stored (attribute suggestions are not supported)",
  () => false,
);

/** The declared type of every attribute of every mark; a test keeps it equal to the schema. */
export const MARK_ATTRIBUTES: Readonly<
  Record<string, Readonly<Record<string, AttributeType>>>
> = {
  bold: {},
  italic: {},
  link: {
    href: {
      type: checked(
        `an http(s) or mailto URL of at most ${LINK_HREF_MAX} characters`,
        (v) =>
          typeof v === "string" &&
          v.length <= LINK_HREF_MAX &&
          isSafeLinkHref(v),
      ),
    },
    // Pasted links bring these from the page they came from.
    target: { type: nullable(text(32)) },
    rel: { type: nullable(text(200)) },
    class: { type: nullable(text(200)) },
    title: { type: nullable(text(1000)) },
  },
  insertion: { id: { type: suggestionId } },
  deletion: { id: { type: suggestionId } },
  modification: {
    id: { type: neverStored },
    type: { type: neverStored },
    attrName: { type: neverStored },
    previousValue: { type: neverStored },
    newValue: { type: neverStored },
  },
};

const REQUIRED = Symbol("required");

/** What a reader uses for `key` of `type` when the stored value will not do, or REQUIRED. */
function fallbackOf(
  type: NodeType | MarkType,
  key: string,
  declared: AttributeType,
): unknown {
  if ("fallback" in declared) return declared.fallback;
  const spec = type.spec.attrs?.[key];
  const dflt: unknown = spec && "default" in spec ? spec.default : undefined;
  return declared.type.test(dflt) ? dflt : REQUIRED;
}

/**
 * Attributes for a node or mark of `type` from stored values (`get(key)`; undefined when absent):
 * each declared attribute of its type, or its fallback. Null when a value without a fallback is
 * missing or wrong (the node or mark is then dropped). Never throws.
 */
export function typedAttributes(
  type: NodeType | MarkType,
  get: (key: string) => unknown,
): Record<string, unknown> | null {
  const declared = declaredAttributes(type) ?? {};
  const attrs: Record<string, unknown> = {};
  for (const key of Object.keys(type.spec.attrs ?? {})) {
    const d = declared[key];
    const value = get(key);
    if (d && value !== undefined && d.type.test(value)) {
      attrs[key] = value;
      continue;
    }
    const fallback = d ? fallbackOf(type, key, d) : REQUIRED;
    if (fallback === REQUIRED) return null;
    attrs[key] = fallback;
  }
  return attrs;
}

/**
 * Why `value` is not the attributes of a mark of `type` as Yjs formatting stores them (an object
 * of declared attributes, each of its type, none without a fallback missing); null when it is.
 */
export function attributeProblem(
  type: MarkType,
  value: unknown,
): string | null {
  if (!isPlainObject(value))
    return `must be an object of attributes, got ${describeValue(value)}`;
  const declared = declaredAttributes(type) ?? {};
  for (const key of Object.keys(value)) {
    const d = Object.prototype.hasOwnProperty.call(declared, key)
      ? declared[key]
      : undefined;
    if (!d) return `has no attribute ${JSON.stringify(key.slice(0, 40))}`;
    if (!d.type.test(value[key]))
      return `attribute ${key} must be ${d.type.description}, got ${describeValue(value[key])}`;
  }
  for (const [key, d] of Object.entries(declared))
    if (!(key in value) && fallbackOf(type, key, d) === REQUIRED)
      return `needs attribute ${key}`;
  return null;
}

/** The declared attribute table of a node or mark type (empty when it has none). */
export function declaredAttributes(
  type: NodeType | MarkType,
): Readonly<Record<string, AttributeType>> | undefined {
  return isNodeType(type)
    ? NODE_ATTRIBUTES[type.name]
    : MARK_ATTRIBUTES[type.name];
}

function isNodeType(type: NodeType | MarkType): type is NodeType {
  return "contentMatch" in type;
}

/** Whether every declared attribute of a node or mark holds a value of its type. */
export function hasTypedAttributes(item: PMNode | Mark): boolean {
  const declared = declaredAttributes(item.type) ?? {};
  return Object.entries(declared).every(([key, d]) =>
    d.type.test(item.attrs[key]),
  );
}

/** A node's or mark's attributes as declared, or null when one cannot be made so. */
export function typedAttributesOf(
  item: PMNode | Mark,
): Record<string, unknown> | null {
  return typedAttributes(item.type, (key) => item.attrs[key] as unknown);
}

/**
 * What of `schema` the tables above do not declare, or declare but the schema lacks ("node
 * figure: attribute caption"); empty when they agree. The schema and the tables change together.
 */
export function undeclaredAttributes(schema: Schema): string[] {
  const problems: string[] = [];
  const compare = (
    kind: string,
    type: NodeType | MarkType,
    declared: Readonly<Record<string, AttributeType>> | undefined,
  ) => {
    if (!declared) {
      problems.push(`${kind} ${type.name}: not declared`);
      return;
    }
    const actual = Object.keys(type.spec.attrs ?? {});
    for (const key of actual)
      if (!Object.prototype.hasOwnProperty.call(declared, key))
        problems.push(
          `${kind} ${type.name}: attribute ${key} has no declared type`,
        );
    for (const key of Object.keys(declared))
      if (!actual.includes(key))
        problems.push(
          `${kind} ${type.name}: declared attribute ${key} is not in the schema`,
        );
  };
  for (const type of Object.values(schema.nodes))
    compare("node", type, NODE_ATTRIBUTES[type.name]);
  for (const type of Object.values(schema.marks))
    compare("mark", type, MARK_ATTRIBUTES[type.name]);
  return problems;
}
