import * as encoding from "lib0/encoding";
import type { StructId } from "./update-decoder";

/** Content of a crafted struct, as Yjs encodes it (v1). */
export type CraftedContent =
  | { string: string }
  | { any: unknown[] }
  | { format: string; value: unknown }
  | { type: number; name?: string }
  | { deleted: number }
  | { json: unknown[] }
  | { embed: unknown }
  | { binary: Uint8Array }
  | { doc: string }
  | { gc: number }
  | { skip: number };

/** One struct of a crafted update. Items with neither origin carry `parent`. */
export interface CraftedStruct {
  origin?: StructId;
  rightOrigin?: StructId;
  parent?: string | StructId;
  parentSub?: string;
  content: CraftedContent;
}

/** A run of structs of one client, from `clock` on. */
export interface CraftedRun {
  client: number;
  clock: number;
  structs: CraftedStruct[];
}

/**
 * Encodes structs as a Yjs v1 update, byte for byte as Yjs writes them, including what Yjs
 * never writes (a client twice, a parent with an origin…): for tests of the update guard, and
 * for hostile clients in fuzzing. `deletes` is the delete set: client → [clock, length][].
 */
export function craftUpdate(
  runs: CraftedRun[],
  deletes: [number, [number, number][]][] = [],
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(e, run.structs.length);
    encoding.writeVarUint(e, run.client);
    encoding.writeVarUint(e, run.clock);
    for (const struct of run.structs) writeStruct(e, struct);
  }
  encoding.writeVarUint(e, deletes.length);
  for (const [client, ranges] of deletes) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, length);
    }
  }
  return encoding.toUint8Array(e);
}

function writeId(e: encoding.Encoder, id: StructId): void {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function writeStruct(e: encoding.Encoder, s: CraftedStruct): void {
  const c = s.content;
  if ("gc" in c || "skip" in c) {
    encoding.writeUint8(e, "gc" in c ? 0 : 10);
    encoding.writeVarUint(e, "gc" in c ? c.gc : c.skip);
    return;
  }
  const ref =
    "deleted" in c
      ? 1
      : "json" in c
        ? 2
        : "binary" in c
          ? 3
          : "string" in c
            ? 4
            : "embed" in c
              ? 5
              : "format" in c
                ? 6
                : "type" in c
                  ? 7
                  : "any" in c
                    ? 8
                    : 9;
  encoding.writeUint8(
    e,
    ref |
      (s.origin ? 0x80 : 0) |
      (s.rightOrigin ? 0x40 : 0) |
      (s.parentSub !== undefined ? 0x20 : 0),
  );
  if (s.origin) writeId(e, s.origin);
  if (s.rightOrigin) writeId(e, s.rightOrigin);
  if (!s.origin && !s.rightOrigin) {
    const parent = s.parent ?? "body";
    if (typeof parent === "string") {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, parent);
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, parent);
    }
    if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub);
  }
  if ("deleted" in c) encoding.writeVarUint(e, c.deleted);
  else if ("json" in c) {
    encoding.writeVarUint(e, c.json.length);
    for (const v of c.json)
      encoding.writeVarString(
        e,
        v === undefined ? "undefined" : JSON.stringify(v),
      );
  } else if ("binary" in c) encoding.writeVarUint8Array(e, c.binary);
  else if ("string" in c) encoding.writeVarString(e, c.string);
  else if ("embed" in c) encoding.writeVarString(e, JSON.stringify(c.embed));
  else if ("format" in c) {
    encoding.writeVarString(e, c.format);
    encoding.writeVarString(e, JSON.stringify(c.value));
  } else if ("type" in c) {
    encoding.writeVarUint(e, c.type);
    if (c.type === 3 || c.type === 5) encoding.writeVarString(e, c.name ?? "");
  } else if ("any" in c) {
    encoding.writeVarUint(e, c.any.length);
    for (const v of c.any) encoding.writeAny(e, v as encoding.AnyEncodable);
  } else {
    encoding.writeVarString(e, c.doc);
    encoding.writeAny(e, {});
  }
}

/** How many clock ticks crafted content takes (what Yjs counts as its length). */
export function craftedLength(c: CraftedContent): number {
  if ("string" in c) return c.string.length;
  if ("any" in c) return c.any.length;
  if ("json" in c) return c.json.length;
  if ("deleted" in c) return c.deleted;
  if ("gc" in c) return c.gc;
  if ("skip" in c) return c.skip;
  return 1;
}
