/**
 * Declared types of the plain values a story's Y.Doc may hold (node and mark attributes, meta
 * values, comment fields): what the update guard, the document check and the readers test.
 */

/** Who is writing, when a check depends on it (a new comment must be signed by its writer). */
export interface ValueContext {
  writer?: { id: string; name: string };
  /**
   * Whether a suggestion id is already in the story: a writer may carry another person's
   * existing suggestion along (text moved, a deletion undone), never make one in their name.
   */
  suggestionInStory?: (id: string) => boolean;
}

/** A declared type: a test and the words a refusal uses for it. */
export interface ValueType<T = unknown> {
  /** For reasons: "text of at most 1000 characters". */
  readonly description: string;
  test(value: unknown, context?: ValueContext): value is T;
}

/** A type from a description and a predicate. */
export function checked<T>(
  description: string,
  test: (value: unknown, context?: ValueContext) => boolean,
): ValueType<T> {
  return { description, test: test as ValueType<T>["test"] };
}

/** A string of at most `max` UTF-16 code units, optionally matching `pattern`. */
export function text(max: number, pattern?: RegExp): ValueType<string> {
  return checked(
    pattern
      ? `text of at most ${max} characters matching ${pattern}`
      : `text of at most ${max} characters`,
    (v) =>
      typeof v === "string" &&
      v.length <= max &&
      (pattern === undefined || pattern.test(v)),
  );
}

/** An integer from `min` to `max`. */
export function integer(min: number, max: number): ValueType<number> {
  return checked(
    `an integer from ${min} to ${max}`,
    (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  );
}

/** One of the given values (compared with ===). */
export function oneOf<T extends string | number | boolean | null>(
  values: readonly T[],
): ValueType<T> {
  return checked(
    `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    (v) => (values as readonly unknown[]).includes(v),
  );
}

export const boolean: ValueType<boolean> = checked(
  "true or false",
  (v) => typeof v === "boolean",
);

/** `type`, or null. */
export function nullable<T>(type: ValueType<T>): ValueType<T | null> {
  return checked(`${type.description}, or null`, (v, c) =>
    v === null ? true : type.test(v, c),
  );
}

/** Whether `value` is a plain object (what lib0 decodes an encoded object to). */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object with exactly these fields, each of its type. */
export function record<T>(fields: {
  [K in keyof T]: ValueType<T[K]>;
}): ValueType<T> {
  const entries = Object.entries(fields) as [string, ValueType][];
  return checked(
    `{${entries.map(([k, t]) => `${k}: ${t.description}`).join("; ")}}`,
    (v, c) =>
      isPlainObject(v) &&
      Object.keys(v).length === entries.length &&
      entries.every(
        ([k, t]) =>
          Object.prototype.hasOwnProperty.call(v, k) && t.test(v[k], c),
      ),
  );
}

/** An array of at most `max` items of `item`. */
export function listOf<T>(item: ValueType<T>, max: number): ValueType<T[]> {
  return checked(
    `a list of at most ${max} of ${item.description}`,
    (v, c) =>
      Array.isArray(v) && v.length <= max && v.every((x) => item.test(x, c)),
  );
}

/**
 * Whether `value` really is a byte array. Never `instanceof`: a decoded object whose
 * "__proto__" key held bytes passes it, and then throws when its length is read.
 */
export function isBytes(value: unknown): value is Uint8Array {
  return ArrayBuffer.isView(value);
}

/** A few words naming what `value` is, for refusal reasons (never the value itself in full). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string")
    return value.length > 40
      ? `text of ${value.length} characters`
      : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (typeof value === "bigint") return "a bigint";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isBytes(value)) return `${value.byteLength} bytes`;
  return "an object";
}

/** UTF-8 length of `s`, without allocating. */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * About how many bytes `value` takes encoded; Infinity when it nests deeper than `depth` (no
 * declared type nests deeper than three, and lib0 decodes nesting by recursion).
 */
export function plainSize(value: unknown, depth = 8): number {
  if (depth < 0) return Infinity;
  if (typeof value === "string") return utf8Length(value) + 1;
  if (Array.isArray(value)) {
    let size = 1;
    for (const item of value) size += plainSize(item, depth - 1);
    return size;
  }
  if (isBytes(value)) return value.byteLength + 1;
  if (typeof value === "object" && value !== null) {
    let size = 1;
    for (const key of Object.keys(value))
      size +=
        utf8Length(key) +
        plainSize((value as Record<string, unknown>)[key], depth - 1);
    return size;
  }
  return 9;
}
