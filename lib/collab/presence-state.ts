/**
 * What a presence (awareness) state may hold, and the awareness update's wire form, shared by the
 * collaboration server (which refuses anything else) and the browser (which reads only this).
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";
import { presenceColor } from "./presence-color";

/** Largest presence state, as the JSON text the awareness protocol carries. */
export const MAX_PRESENCE_STATE_BYTES = 4 * 1024;

/** Who a presence state belongs to: written by the server from the socket's account. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

const structId = z.strictObject({
  client: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
});

/** A Yjs RelativePosition as JSON (y-prosemirror stores carets this way). */
const relativePosition = z.strictObject({
  type: structId.nullable().optional(),
  tname: z.string().max(64).nullable().optional(),
  item: structId.nullable().optional(),
  assoc: z.number().int().optional(),
});

/** The fields the editor sets: `user` (Tiptap's collaboration caret) and `cursor` (y-prosemirror). */
export const presenceStateSchema = z.strictObject({
  // Replaced by the server from the socket's account; typed, but what it says does not matter.
  user: z
    .strictObject({
      id: z.string().max(64).nullable().optional(),
      name: z.string().max(200).nullable().optional(),
      color: z.string().max(32).nullable().optional(),
    })
    .optional(),
  cursor: z
    .strictObject({ anchor: relativePosition, head: relativePosition })
    .nullable()
    .optional(),
});
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** One client's entry in an awareness update; `state` null means the client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: PresenceState | null;
}

/** Presence that is not what the editor sends: too big, not JSON, or off the schema. */
export class InvalidPresence extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = "InvalidPresence";
  }
}

/** An entry as read off the wire, its state still JSON text. */
export interface RawAwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/**
 * Reads a y-protocols awareness update (varUint count, then per client varUint id, varUint clock
 * and a JSON string), leaving the states unparsed: the server drops echoes before parsing them.
 * Throws InvalidPresence.
 */
export function readAwarenessEntries(update: Uint8Array): RawAwarenessEntry[] {
  const entries: RawAwarenessEntry[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, json: decoding.readVarString(decoder) });
    }
    if (decoding.hasContent(decoder))
      throw new InvalidPresence("trailing bytes after the update");
  } catch (error) {
    if (error instanceof InvalidPresence) throw error;
    throw new InvalidPresence("unreadable awareness update");
  }
  return entries;
}

/** Reads an awareness update and checks every state. Throws InvalidPresence. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  return readAwarenessEntries(update).map(({ clientId, clock, json }) => ({
    clientId,
    clock,
    state: parsePresenceState(json),
  }));
}

/** Writes entries in the y-protocols awareness update form. */
export function writeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  return writeRawAwarenessUpdate(
    entries.map(({ clientId, clock, state }) => ({
      clientId,
      clock,
      json: JSON.stringify(state),
    })),
  );
}

/** Writes entries whose states are JSON text already (the server's hot path stringifies once). */
export function writeRawAwarenessUpdate(
  entries: readonly RawAwarenessEntry[],
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

const encoder = new TextEncoder();

/** One state's JSON text, checked for size and schema. Throws InvalidPresence. */
export function parsePresenceState(json: string): PresenceState | null {
  // Bytes, not characters: a JSON text of 4,096 characters can be three times that (a UTF-16
  // code unit is at most 3 UTF-8 bytes, so a short text needs no encoding to know it fits).
  if (
    json.length > MAX_PRESENCE_STATE_BYTES ||
    (json.length * 3 > MAX_PRESENCE_STATE_BYTES &&
      encoder.encode(json).length > MAX_PRESENCE_STATE_BYTES)
  )
    throw new InvalidPresence(
      `a presence state is larger than ${MAX_PRESENCE_STATE_BYTES} bytes`,
    );
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InvalidPresence("a presence state is not JSON");
  }
  if (value === null) return null;
  const parsed = presenceStateSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join(".") || "state";
    throw new InvalidPresence(`presence ${where}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The presence user of a state from another client, or null: the browser reads colleagues'
 * states only through this, so an unexpected value is ignored rather than rendered (a colour
 * that is not #rrggbb shows as the fallback).
 */
export function presenceUserOf(state: unknown): PresenceUser | null {
  const parsed = presenceStateSchema.safeParse(state);
  const user = parsed.success ? parsed.data.user : undefined;
  return user?.id && user.name
    ? { id: user.id, name: user.name, color: presenceColor(user.color) }
    : null;
}

/**
 * The user the server shows for `clientId` in an awareness update, or null when the update has
 * no well-formed entry for it. The server relays each person's own state back with the colour
 * it assigned (unique in the story); the sender's awareness ignores it (same clock), so the
 * editor reads it here to show the person the colour everyone else sees.
 */
export function assignedUserIn(
  update: Uint8Array,
  clientId: number,
): PresenceUser | null {
  try {
    const entry = readAwarenessEntries(update).find(
      (e) => e.clientId === clientId,
    );
    return entry ? presenceUserOf(parsePresenceState(entry.json)) : null;
  } catch {
    return null;
  }
}
