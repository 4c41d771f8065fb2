import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import {
  readAwarenessEntries,
  writeAwarenessUpdate,
  type PresenceState,
} from "../lib/collab/presence-state";
import { PRESENCE_PALETTE } from "../lib/collab/identity";
import { CloseCode, MESSAGE_AWARENESS } from "../lib/collab/protocol";
import { awarenessMessage, queryAwarenessMessage } from "../lib/collab/wire";
import { createTestUser, storeVariants } from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { waitFor, type TestClient } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

/** Sends an awareness update as `client`'s socket, whatever its own awareness holds. */
function sendPresence(
  client: TestClient,
  clientId: number,
  clock: number,
  state: unknown,
): void {
  const update = writeAwarenessUpdate([
    { clientId, clock, state: state as PresenceState },
  ]);
  client.provider.ws!.send(awarenessMessage(update));
}

const userOf = (client: TestClient, clientId: number) =>
  (client.provider.awareness.getStates().get(clientId) as PresenceState)?.user;

// Stores are not what this is about: one is enough.
const variant = storeVariants()[0]!;

describe("presence is the server's to say", () => {
  const room = useStoryRoom(variant, {
    people: {
      rita: ["reporter", "Rita Reporter"],
      ed: ["editor", "Ed Editor"],
    },
    author: "rita",
    story: { headline: "Flood" },
  });
  const connect = (user: UserRow, readOnly = false) =>
    room.join(user, { readOnly, acks: false });
  /** `person` present in the story (a caret nowhere), once `viewer`'s socket shows them. */
  const presentTo = async (person: UserRow, viewer: UserRow) => {
    const present = await connect(person);
    present.provider.awareness.setLocalStateField("cursor", null);
    const seer = await connect(viewer);
    const id = present.doc.clientID;
    await waitFor(() => userOf(seer, id) !== undefined, "the presence");
    return { present, seer, id };
  };

  it("shows the account behind the socket, whatever name the client claims", async () => {
    const reader = await connect(room.people.rita, true);
    const watcher = await connect(room.people.ed);
    reader.provider.awareness.setLocalStateField("user", {
      id: room.people.ed.id,
      name: "The Editor-in-Chief",
      color: "#000000",
    });
    const id = reader.doc.clientID;
    await waitFor(() => userOf(watcher, id) !== undefined, "reader's presence");
    expect(userOf(watcher, id)).toMatchObject({
      id: room.people.rita.id,
      name: "Rita Reporter",
    });
    expect(userOf(watcher, id)!.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("gives everyone present a colour no one else present has", async () => {
    // The test tokens give every account the same colour.
    const a = await connect(room.people.rita);
    const b = await connect(room.people.ed);
    a.provider.awareness.setLocalStateField("user", {
      id: "",
      name: "",
      color: "",
    });
    b.provider.awareness.setLocalStateField("user", {
      id: "",
      name: "",
      color: "",
    });
    const watcher = await connect(room.people.ed);
    await waitFor(
      () =>
        userOf(watcher, a.doc.clientID) !== undefined &&
        userOf(watcher, b.doc.clientID) !== undefined,
      "both presences",
    );
    expect(userOf(watcher, a.doc.clientID)!.color).not.toBe(
      userOf(watcher, b.doc.clientID)!.color,
    );
  });

  it("gives each of more people than the palette has colours a colour of their own", async () => {
    const people = [room.people.rita, room.people.ed];
    for (let i = 0; i < PRESENCE_PALETTE.length; i++)
      people.push(await createTestUser(room.ts.store, "editor", `Editor ${i}`));
    const present: TestClient[] = [];
    for (const person of people) {
      const client = await connect(person);
      client.provider.awareness.setLocalStateField("cursor", null);
      present.push(client);
    }
    // Ed's again: a socket is not sent its own state back.
    const watcher = await connect(room.people.ed);
    const colours = () =>
      present.map((c) => userOf(watcher, c.doc.clientID)?.color);
    await waitFor(
      () => colours().every((c) => c !== undefined),
      "everyone's presence",
    );
    expect(new Set(colours()).size).toBe(people.length);
  });

  it("closes a socket that writes another socket's client id, and keeps the victim's presence", async () => {
    const { seer: watcher, id } = await presentTo(
      room.people.rita,
      room.people.ed,
    );
    const thief = await connect(room.people.ed);
    sendPresence(thief, id, 1_000_000, {
      user: { id: room.people.ed.id, name: "x", color: "#ffffff" },
    });
    const closed = await thief.closed();
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/another connection/);
    await new Promise((r) => setTimeout(r, 100));
    expect(userOf(watcher, id)).toMatchObject({
      id: room.people.rita.id,
      name: "Rita Reporter",
    });
  });

  it("lets the same person's new socket take over their client id (a reconnecting tab)", async () => {
    const {
      present: first,
      seer: watcher,
      id,
    } = await presentTo(room.people.rita, room.people.ed);
    const second = await connect(room.people.rita);
    sendPresence(second, id, 1_000, { cursor: null });
    await waitFor(
      () => watcher.provider.awareness.meta.get(id)?.clock === 1_000,
      "the taken-over state",
    );
    // The old socket closing no longer removes the state the new one owns.
    first.provider.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    expect(userOf(watcher, id)).toMatchObject({ id: room.people.rita.id });
  });

  it("answers a query after the presence the socket sent before it: the answer holds its own state", async () => {
    const { seer: asker, id: watcherId } = await presentTo(
      room.people.ed,
      room.people.rita,
    );
    // The client ids of each presence message the asker gets from here on.
    const received: number[][] = [];
    asker.provider.ws!.addEventListener("message", (event) => {
      const data = new Uint8Array(event.data as ArrayBuffer);
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return;
      const update = decoding.readVarUint8Array(decoder);
      received.push(readAwarenessEntries(update).map((e) => e.clientId));
    });
    sendPresence(asker, 4242, 1, { cursor: null });
    asker.provider.ws!.send(queryAwarenessMessage());
    // Only the answer holds the watcher's unchanged state.
    const answer = () => received.find((ids) => ids.includes(watcherId));
    await waitFor(() => answer() !== undefined, "the answer to the query");
    expect(answer()).toContain(4242);
  });

  for (const [what, state, pattern] of [
    ["a field the editor does not use", { evil: 1 }, /evil/],
    [
      "a name that is not a string",
      { user: { id: "a", name: ["x"], color: "#fff" } },
      /user\.name/,
    ],
    [
      "a caret that is not a position",
      { cursor: { anchor: 1, head: 2 } },
      /cursor/,
    ],
    [
      "a state over 4 KiB",
      {
        user: { id: "a", name: "x".repeat(180), color: "#fff" },
        cursor: null,
        pad: "y".repeat(5000),
      },
      /larger than 4096/,
    ],
  ] as const) {
    it(`refuses ${what} with 4422 and relays none of it`, async () => {
      const sender = await connect(room.people.rita);
      const watcher = await connect(room.people.ed);
      sendPresence(sender, 4242, 1, state);
      const closed = await sender.closed();
      expect(closed.code).toBe(CloseCode.malformed);
      expect(closed.reason).toMatch(pattern);
      await new Promise((r) => setTimeout(r, 100));
      expect(watcher.provider.awareness.getStates().has(4242)).toBe(false);
    });
  }
});
