import * as decoding from "lib0/decoding";
import { TypeRef, type ContentView } from "./story-layout";

/** A struct id: a client and a clock. */
export interface StructId {
  client: number;
  clock: number;
}

/** One struct of an update, as encoded: nothing resolved, no Yjs types created. */
export interface DecodedStruct {
  kind: "item" | "gc" | "skip";
  client: number;
  clock: number;
  length: number;
  /** Position in its client's run. */
  index: number;
  origin: StructId | null;
  rightOrigin: StructId | null;
  /** A top-level name, the id of the parent type's item, or null (copied from origin). */
  parent: string | StructId | null;
  parentSub: string | null;
  content: ContentView | null;
}

export interface DecodedUpdate {
  structs: DecodedStruct[];
  /** Each client's structs in clock order (one contiguous run per client). */
  byClient: Map<number, DecodedStruct[]>;
  /** The delete set: ranges of clocks of a client. */
  deletes: { client: number; clock: number; length: number }[];
}

/** The update is not something Yjs would apply as we decode it. */
export class MalformedUpdate extends Error {}

/**
 * Decodes a Yjs update (v1, as y-protocols sends) struct by struct, reading exactly what
 * Yjs's own reader reads (yjs/src/utils/encoding.js readClientsStructRefs) so that both see the
 * same structs. Throws MalformedUpdate, or lib0's error when the bytes end early.
 */
export function decodeStoryUpdate(update: Uint8Array): DecodedUpdate {
  parsed.clear();
  try {
    return decode(update);
  } finally {
    parsed.clear();
  }
}

function decode(update: Uint8Array): DecodedUpdate {
  const d = decoding.createDecoder(update);
  const structs: DecodedStruct[] = [];
  const byClient = new Map<number, DecodedStruct[]>();
  const groups = decoding.readVarUint(d);
  for (let g = 0; g < groups; g++) {
    const count = decoding.readVarUint(d);
    const client = decoding.readVarUint(d);
    let clock = decoding.readVarUint(d);
    // Yjs keeps only the last run of a client that appears twice: refuse rather than guess.
    if (byClient.has(client))
      throw new MalformedUpdate(`client ${client} appears twice`);
    const run: DecodedStruct[] = [];
    byClient.set(client, run);
    for (let i = 0; i < count; i++) {
      const struct = readStruct(d, client, clock, i);
      if (struct.length <= 0) throw new MalformedUpdate("an empty struct");
      run.push(struct);
      structs.push(struct);
      clock += struct.length;
    }
  }
  const deletes: DecodedUpdate["deletes"] = [];
  const deleteClients = decoding.readVarUint(d);
  for (let i = 0; i < deleteClients; i++) {
    const client = decoding.readVarUint(d);
    const count = decoding.readVarUint(d);
    for (let j = 0; j < count; j++) {
      const clock = decoding.readVarUint(d);
      const length = decoding.readVarUint(d);
      // Yjs fails on an empty range it has to keep pending.
      if (length === 0) throw new MalformedUpdate("an empty delete range");
      deletes.push({ client, clock, length });
    }
  }
  return { structs, byClient, deletes };
}

function readId(d: decoding.Decoder): StructId {
  const client = decoding.readVarUint(d);
  return { client, clock: decoding.readVarUint(d) };
}

function readStruct(
  d: decoding.Decoder,
  client: number,
  clock: number,
  index: number,
): DecodedStruct {
  const info = decoding.readUint8(d);
  const ref = info & 0b11111;
  if (ref === 0 || ref === 10) {
    return {
      kind: ref === 0 ? "gc" : "skip",
      client,
      clock,
      length: decoding.readVarUint(d),
      index,
      origin: null,
      rightOrigin: null,
      parent: null,
      parentSub: null,
      content: null,
    };
  }
  const origin = info & 0b10000000 ? readId(d) : null;
  const rightOrigin = info & 0b01000000 ? readId(d) : null;
  const copiesParent = (info & 0b11000000) !== 0;
  let parent: string | StructId | null = null;
  let parentSub: string | null = null;
  if (!copiesParent) {
    parent =
      decoding.readVarUint(d) === 1 ? decoding.readVarString(d) : readId(d);
    if (info & 0b00100000) parentSub = decoding.readVarString(d);
  }
  const { content, length } = readContent(d, ref);
  return {
    kind: "item",
    client,
    clock,
    length,
    index,
    origin,
    rightOrigin,
    parent,
    parentSub,
    content,
  };
}

/** Formatting values of one update by their JSON: a story's marks repeat a handful of them. */
const parsed = new Map<string, unknown>();

function readJSON(d: decoding.Decoder): unknown {
  const json = decoding.readVarString(d);
  let value = parsed.get(json);
  if (value === undefined) {
    value = JSON.parse(json) as unknown;
    parsed.set(json, value);
  }
  return value;
}

function readContent(
  d: decoding.Decoder,
  ref: number,
): { content: ContentView; length: number } {
  switch (ref) {
    case 1:
      return { content: { kind: "deleted" }, length: decoding.readVarUint(d) };
    case 2: {
      const length = decoding.readVarUint(d);
      for (let i = 0; i < length; i++) {
        const s = decoding.readVarString(d);
        if (s !== "undefined") JSON.parse(s);
      }
      return { content: { kind: "json" }, length };
    }
    case 3:
      return {
        content: { kind: "binary", bytes: decoding.readVarUint8Array(d) },
        length: 1,
      };
    case 4: {
      const str = decoding.readVarString(d);
      return { content: { kind: "string", str }, length: str.length };
    }
    case 5:
      readJSON(d);
      return { content: { kind: "embed" }, length: 1 };
    case 6: {
      const key = decoding.readVarString(d);
      return {
        content: { kind: "format", key, value: readJSON(d) },
        length: 1,
      };
    }
    case 7: {
      const typeRef = decoding.readVarUint(d);
      if (typeRef > TypeRef.xmlText)
        throw new MalformedUpdate(`unknown type reference ${typeRef}`);
      const named =
        typeRef === TypeRef.xmlElement || typeRef === TypeRef.xmlHook;
      const name = named ? decoding.readVarString(d) : null;
      return { content: { kind: "type", typeRef, name }, length: 1 };
    }
    case 8: {
      const length = decoding.readVarUint(d);
      const values: unknown[] = [];
      for (let i = 0; i < length; i++) values.push(decoding.readAny(d));
      return { content: { kind: "any", values }, length };
    }
    case 9:
      decoding.readVarString(d);
      decoding.readAny(d);
      return { content: { kind: "doc" }, length: 1 };
    default:
      throw new MalformedUpdate(`unknown content reference ${ref}`);
  }
}
