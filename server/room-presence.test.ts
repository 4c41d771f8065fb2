import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  readAwarenessUpdate,
  writeAwarenessUpdate,
} from "../lib/collab/presence-state";
import { MESSAGE_AWARENESS } from "../lib/collab/protocol";
import { RoomPresence, type PresenceSocket } from "./room-presence";

const OWN_COLOUR = "#123456";

/** A socket of this server, with one presence client id, recording what it is sent. */
function socketOf(userId: string, clientId: number) {
  const sent: Uint8Array[] = [];
  const socket = {
    presenceUser: { id: userId, name: `Person ${userId}`, color: OWN_COLOUR },
    send: (message: Uint8Array) => sent.push(message),
    awarenessClientIds: () => [clientId],
    trackAwarenessClients: () => undefined,
  };
  // The room reads a socket's transactions' origin back to the socket (RoomMember in full).
  const origin = { kind: "socket", connection: socket as never } as const;
  return { socket: { ...socket, origin } as PresenceSocket, sent };
}

/** The states in the awareness messages `sent` holds, latest last. */
function statesIn(sent: Uint8Array[]) {
  return sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return [];
    return readAwarenessUpdate(decoding.readVarUint8Array(decoder));
  });
}

/** A room with one person of this server present, and what it published to other servers. */
function roomWith(userId: string) {
  const { socket, sent } = socketOf(userId, 10);
  const published: Uint8Array[] = [];
  const room = new RoomPresence(
    new Y.Doc(),
    () => new Set([socket]),
    0,
    (update) => published.push(update),
  );
  room.follow();
  room.admit(
    writeAwarenessUpdate([{ clientId: 10, clock: 1, state: { cursor: null } }]),
    socket,
  );
  const colourOf = (clientId: number) =>
    statesIn([room.everyone()]).find((e) => e.clientId === clientId)?.state
      ?.user?.color;
  return { room, socket, sent, published, colourOf };
}

/** Another server's person at `clientId`, shown in `color` (as that server admitted it). */
const peerStateOf = (
  clientId: number,
  userId: string,
  color: string,
  clock = 1,
) =>
  writeAwarenessUpdate([
    {
      clientId,
      clock,
      state: { user: { id: userId, name: "Elsewhere", color }, cursor: null },
    },
  ]);
const peerState = (userId: string, color: string) =>
  peerStateOf(20, userId, color);

describe("a story's presence across servers", () => {
  it("moves this server's person off a colour another server gave someone with a smaller id at the same moment", () => {
    const { room, sent, published, colourOf } = roomWith("p-b");
    expect(colourOf(10)).toBe(OWN_COLOUR);

    room.applyPeer(peerState("p-a", OWN_COLOUR));

    const moved = colourOf(10);
    expect(moved).toMatch(/^#[0-9a-f]{6}$/);
    expect(moved).not.toBe(OWN_COLOUR);
    expect(colourOf(20)).toBe(OWN_COLOUR);
    // One clock past the state the owner holds, so that the owner and the other servers take it.
    const toOwner = statesIn(sent)
      .filter((e) => e.clientId === 10)
      .at(-1)!;
    expect(toOwner).toMatchObject({
      clock: 2,
      state: { user: { color: moved } },
    });
    const toPeers = readAwarenessUpdate(published.at(-1)!);
    expect(toPeers).toEqual([toOwner]);
  });

  it("keeps the colour when the other server's person has the larger id: that server moves them", () => {
    const { room, socket, sent, published, colourOf } = roomWith("p-b");
    const before = { sent: sent.length, published: published.length };

    room.applyPeer(peerState("p-c", OWN_COLOUR));

    expect(colourOf(10)).toBe(OWN_COLOUR);
    expect(published.length).toBe(before.published);
    expect(statesIn(sent.slice(before.sent)).map((e) => e.clientId)).toEqual([
      20,
    ]);
    // Its next caret move keeps the colour too.
    room.admit(
      writeAwarenessUpdate([
        { clientId: 10, clock: 2, state: { cursor: null } },
      ]),
      socket,
    );
    expect(colourOf(10)).toBe(OWN_COLOUR);
  });

  it("gives a newcomer a colour no one shows, never one already shown", () => {
    const { room, colourOf } = roomWith("p-b");
    room.applyPeer(peerState("p-a", "#c2410c"));
    const { socket } = socketOf("p-0", 30);
    room.admit(
      writeAwarenessUpdate([
        { clientId: 30, clock: 1, state: { cursor: null } },
      ]),
      socket,
    );
    expect(new Set([colourOf(10), colourOf(20), colourOf(30)]).size).toBe(3);
  });

  it("never lets another server change a client id a socket here holds", () => {
    const { room, colourOf } = roomWith("p-b");
    const userOf = () =>
      statesIn([room.everyone()]).find((e) => e.clientId === 10)?.state?.user
        ?.id;
    room.applyPeer(
      writeAwarenessUpdate([
        {
          clientId: 10,
          clock: 99,
          state: { user: { id: "p-z", name: "Z", color: "#000000" } },
        },
      ]),
    );
    expect(userOf()).toBe("p-b");
    expect(colourOf(10)).toBe(OWN_COLOUR);
    room.applyPeer(
      writeAwarenessUpdate([{ clientId: 10, clock: 100, state: null }]),
    );
    expect(userOf()).toBe("p-b");
    // The same person's tab, moved to the other server, carries on there.
    room.applyPeer(peerStateOf(10, "p-b", "#0f766e", 101));
    expect(colourOf(10)).toBe("#0f766e");
  });

  it("admits presence in a story just opened only once its peers had time to say who is there", () => {
    const alone = new RoomPresence(new Y.Doc(), () => new Set(), 0, null);
    const withPeers = new RoomPresence(
      new Y.Doc(),
      () => new Set(),
      0,
      () => undefined,
    );
    alone.follow();
    withPeers.follow();
    expect(alone.opensIn()).toBe(0);
    expect(withPeers.opensIn()).toBeGreaterThan(200);
  });
});
