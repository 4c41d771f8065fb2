import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { Y_BODY } from "../lib/editor/names";
import { defaultCollabConfig } from "./config";
import { Room, type RoomMember } from "./documents";
import { localFanout } from "./fanout/local";
import { createMetrics } from "./metrics";
import type { DocumentPersistence } from "./persistence";

/** A socket as the room sees it, recording what it is sent and told. */
class Member implements RoomMember {
  readonly origin = { kind: "socket", connection: this } as const;
  readonly writer: { id: string; name: string };
  readonly presenceUser: { id: string; name: string; color: string };
  readonly suggestOnly = false;
  readonly sent: Uint8Array[] = [];
  readonly acknowledged: number[] = [];

  constructor(index: number) {
    this.writer = { id: `u-${index}`, name: `Reporter ${index}` };
    this.presenceUser = { ...this.writer, color: "#1f77b4" };
  }

  send(message: Uint8Array): void {
    this.sent.push(message);
  }
  close(): void {}
  awarenessClientIds(): number[] {
    return [];
  }
  trackAwarenessClients(): void {}
  stored(sequence: number): void {
    this.acknowledged.push(sequence);
  }
}

/** A store that records, at each append, how many members had been sent anything. */
function recordingStore(members: () => Member[]) {
  const reached: number[] = [];
  const commits: Array<() => void> = [];
  const persistence: DocumentPersistence = {
    load: async () => ({ ids: [], updates: [] }),
    append: () => {
      reached.push(members().filter((m) => m.sent.length > 0).length);
      return new Promise<void>((resolve) => commits.push(resolve));
    },
    compact: async () => 0,
  };
  return { persistence, reached, commits };
}

/** A keystroke in a new paragraph, as a client would send it. */
function keystroke(): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("a")]);
  doc.getXmlFragment(Y_BODY).push([paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("when a socket's edit is handed to the store", () => {
  const rooms: Room<Member>[] = [];
  afterEach(() => {
    for (const room of rooms.splice(0)) room.doc.destroy();
  });

  function roomOf(sockets: number) {
    const members = Array.from({ length: sockets }, (_, i) => new Member(i));
    const store = recordingStore(() => members);
    const room = new Room<Member>("story-1", {
      persistence: store.persistence,
      config: defaultCollabConfig("secret"),
      metrics: createMetrics(),
      fanout: localFanout(),
      onFatal: () => undefined,
      onControl: () => undefined,
    });
    rooms.push(room);
    room.load([]);
    for (const m of members) room.connections.add(m);
    return { room, members, store };
  }

  it("in a room of 17 sockets or more, before the broadcast: the commit runs while it is sent", async () => {
    const { room, members, store } = roomOf(17);
    expect(room.applyUpdate(keystroke(), members[0]!)).toBe("applied");
    room.acknowledgeWhenStored(1, members[0]!);
    expect(store.reached).toEqual([0]);
    // Everyone else got the edit in the same turn, the sender nothing yet.
    expect(members.filter((m) => m.sent.length > 0)).toHaveLength(16);
    await nextTurn();
    expect(members[0]!.acknowledged).toEqual([]);
    store.commits[0]!();
    await nextTurn();
    expect(members[0]!.acknowledged).toEqual([1]);
  });

  it("in a smaller room, at the end of the event loop's pass, after the broadcast", async () => {
    const { room, members, store } = roomOf(16);
    expect(room.applyUpdate(keystroke(), members[0]!)).toBe("applied");
    room.acknowledgeWhenStored(1, members[0]!);
    expect(store.reached).toEqual([]);
    await nextTurn();
    expect(store.reached).toEqual([15]);
    store.commits[0]!();
    await nextTurn();
    expect(members[0]!.acknowledged).toEqual([1]);
  });
});
