import * as f from "lib0/function";
import type * as awarenessProtocol from "y-protocols/awareness";
import {
  writeRawAwarenessUpdate,
  type PresenceState,
  type RawAwarenessEntry,
} from "../lib/collab/presence-state";

/** A client's state as the presence guard admitted it, with the JSON text it is relayed as. */
export interface AdmittedState extends RawAwarenessEntry {
  state: PresenceState | null;
}

/** The JSON text each admitted state object was admitted as, so relaying never stringifies it. */
const admittedJson = new WeakMap<object, string>();

/**
 * Applies admitted states to `awareness` exactly as y-protocols' applyAwarenessUpdate applies an
 * update (the same clock rule, meta and 'change' and 'update' events), but from the objects the
 * guard has already parsed and checked: encoding them only for the library to decode and parse
 * them again was a fifth of what a caret move cost the server, sends included (bench/README.md).
 */
export function applyAdmittedStates(
  awareness: awarenessProtocol.Awareness,
  entries: readonly AdmittedState[],
  origin: unknown,
): void {
  const timestamp = Date.now();
  const added: number[] = [];
  const updated: number[] = [];
  const filteredUpdated: number[] = [];
  const removed: number[] = [];
  for (const { clientId, clock, state, json } of entries) {
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const currentClock = meta === undefined ? 0 : meta.clock;
    const newer = currentClock < clock;
    const removal =
      currentClock === clock && state === null && previous !== undefined;
    if (!newer && !removal) continue;
    // The server sets no state of its own (Room), so a removal never concerns a local state.
    if (state === null) awareness.states.delete(clientId);
    else {
      admittedJson.set(state, json);
      awareness.states.set(clientId, state);
    }
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) {
      if (!sameState(state, json, previous)) filteredUpdated.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0)
    awareness.emit("change", [
      { added, updated: filteredUpdated, removed },
      origin,
    ]);
  if (added.length > 0 || updated.length > 0 || removed.length > 0)
    awareness.emit("update", [{ added, updated, removed }, origin]);
}

function sameState(
  state: PresenceState,
  json: string,
  previous: Record<string, unknown> | undefined,
): boolean {
  const previousJson = previous && admittedJson.get(previous);
  return previousJson !== undefined
    ? previousJson === json
    : f.equalityDeep(state, previous);
}

/**
 * An awareness update with `clientIds`' current states, as y-protocols' encodeAwarenessUpdate
 * writes it (a client without a state as null), using the admitted JSON text where there is one.
 */
export function encodePresence(
  awareness: awarenessProtocol.Awareness,
  clientIds: readonly number[],
): Uint8Array {
  const entries: RawAwarenessEntry[] = [];
  for (const clientId of clientIds) {
    const meta = awareness.meta.get(clientId);
    if (!meta) continue;
    const state = awareness.states.get(clientId);
    const json =
      state === undefined
        ? "null"
        : (admittedJson.get(state) ?? JSON.stringify(state));
    entries.push({ clientId, clock: meta.clock, json });
  }
  return writeRawAwarenessUpdate(entries);
}
