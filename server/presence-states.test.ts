import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  writeAwarenessUpdate,
  type AwarenessEntry,
  type PresenceState,
} from "../lib/collab/presence-state";
import { applyAdmittedStates, encodePresence } from "./presence-states";

type Event = [
  string,
  { added: number[]; updated: number[]; removed: number[] },
];

/** An awareness holding no state of its own (as the server's rooms), recording its events. */
function watched() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const events: Event[] = [];
  awareness.on("change", (change: Event[1]) => events.push(["change", change]));
  awareness.on("update", (change: Event[1]) => events.push(["update", change]));
  return { awareness, events };
}

/** Each client's clock, but the awareness's own (each has a random client id). */
const clocks = (awareness: awarenessProtocol.Awareness) =>
  [...awareness.meta]
    .filter(([id]) => id !== awareness.clientID)
    .map(([id, { clock }]) => [id, clock]);

const caret = (n: number): PresenceState => ({
  user: { id: "u1", name: "Rita", color: "#aa0000" },
  cursor: {
    anchor: { type: { client: 1, clock: 0 }, item: { client: 1, clock: n } },
    head: { type: { client: 1, clock: 0 }, item: { client: 1, clock: n } },
  },
});

/** A sequence of updates: joins, moves, a repeat, a stale clock, a departure, a rejoin. */
const steps: AwarenessEntry[][] = [
  [{ clientId: 7, clock: 1, state: caret(1) }],
  [
    { clientId: 7, clock: 2, state: caret(2) },
    { clientId: 9, clock: 1, state: caret(5) },
  ],
  [{ clientId: 7, clock: 3, state: caret(2) }],
  [{ clientId: 7, clock: 2, state: caret(8) }],
  [{ clientId: 9, clock: 1, state: null }],
  [{ clientId: 9, clock: 1, state: null }],
  [{ clientId: 9, clock: 2, state: caret(3) }],
];

describe("admitted presence is applied as y-protocols applies an update", () => {
  it("holds the same states and clocks and emits the same events", () => {
    const library = watched();
    const ours = watched();
    for (const entries of steps) {
      awarenessProtocol.applyAwarenessUpdate(
        library.awareness,
        writeAwarenessUpdate(entries),
        "origin",
      );
      applyAdmittedStates(
        ours.awareness,
        entries.map((e) => ({ ...e, json: JSON.stringify(e.state) })),
        "origin",
      );
      expect(ours.awareness.getStates()).toEqual(library.awareness.getStates());
      expect(clocks(ours.awareness)).toEqual(clocks(library.awareness));
    }
    expect(ours.events).toEqual(library.events);
    // The steps cover every kind of event.
    expect(ours.events.map(([kind]) => kind)).toContain("change");
    expect(library.events.some(([, e]) => e.removed.length > 0)).toBe(true);
  });

  it("encodes the update encodeAwarenessUpdate encodes, departures included", () => {
    const { awareness } = watched();
    for (const entries of steps)
      applyAdmittedStates(
        awareness,
        entries.map((e) => ({ ...e, json: JSON.stringify(e.state) })),
        null,
      );
    awarenessProtocol.removeAwarenessStates(awareness, [7], null);
    // A state the library applied (from another server) has no admitted text: stringified.
    awarenessProtocol.applyAwarenessUpdate(
      awareness,
      writeAwarenessUpdate([{ clientId: 11, clock: 4, state: caret(6) }]),
      null,
    );
    for (const ids of [[9], [7], [9, 7, 11], [11]])
      expect(encodePresence(awareness, ids)).toEqual(
        awarenessProtocol.encodeAwarenessUpdate(awareness, ids),
      );
  });
});
