import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import {
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_STORED,
  MESSAGE_SYNC,
} from "./protocol";
import {
  accessMessage,
  awarenessMessage,
  awarenessStatesMessage,
  contentCarried,
  MalformedMessage,
  queryAwarenessMessage,
  readAccess,
  readClientMessage,
  readStored,
  renewMessage,
  storedMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
  type ClientMessageHandler,
} from "./wire";

type Received =
  | { kind: "syncStep1"; bytes: Uint8Array }
  | { kind: "update"; bytes: Uint8Array }
  | { kind: "awareness"; bytes: Uint8Array }
  | { kind: "queryAwareness" }
  | { kind: "renew"; token: string };

const recorder: ClientMessageHandler<Received[]> = {
  syncStep1: (log, bytes) => log.push({ kind: "syncStep1", bytes }),
  update: (log, bytes) => log.push({ kind: "update", bytes }),
  awareness: (log, bytes) => log.push({ kind: "awareness", bytes }),
  queryAwareness: (log) => log.push({ kind: "queryAwareness" }),
  renew: (log, token) => log.push({ kind: "renew", token }),
};

function read(message: Uint8Array): Received[] {
  const log: Received[] = [];
  readClientMessage(message, recorder, log);
  return log;
}

/** A decoder past the message type, as y-websocket hands one to a message handler. */
function afterType(message: Uint8Array, type: number): decoding.Decoder {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(type);
  return decoder;
}

/** What reading `message` throws, or null. */
function thrown(readIt: () => unknown): unknown {
  try {
    readIt();
    return null;
  } catch (error) {
    return error;
  }
}

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return doc;
}

function everyClientMessage(): Uint8Array[] {
  const doc = docWithText("hello");
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: "Ana" } });
  const update = Y.encodeStateAsUpdate(doc);
  const messages = [
    syncStep1Message(doc),
    syncStep2Message(update),
    syncUpdateMessage(update),
    awarenessStatesMessage(awareness),
    queryAwarenessMessage(),
    renewMessage("a.token.here"),
  ];
  awareness.destroy();
  return messages;
}

describe("collaboration wire messages", () => {
  it("round-trips the sync messages, with the payload as a view of the message", () => {
    const doc = docWithText("hello");
    const step1 = syncStep1Message(doc);
    expect(read(step1)).toEqual([
      { kind: "syncStep1", bytes: Y.encodeStateVector(doc) },
    ]);

    const update = Y.encodeStateAsUpdate(doc);
    for (const message of [
      syncStep2Message(update),
      syncUpdateMessage(update),
    ]) {
      const [received] = read(message);
      expect(received).toEqual({ kind: "update", bytes: update });
      const bytes = (received as { bytes: Uint8Array }).bytes;
      expect(bytes.buffer).toBe(message.buffer);
    }
    expect(contentCarried(syncStep2Message(update))).toBe("step2");
    expect(contentCarried(syncUpdateMessage(update))).toBe("update");
    expect(contentCarried(step1)).toBeNull();
    expect(contentCarried(queryAwarenessMessage())).toBeNull();
  });

  it("round-trips a token renewal", () => {
    expect(read(renewMessage("header.payload.signature"))).toEqual([
      { kind: "renew", token: "header.payload.signature" },
    ]);
  });

  it("writes sync messages a stock y-protocols reader understands", () => {
    const server = docWithText("stored text");
    const client = new Y.Doc();
    // A step 1 is answered with a step 2 holding what the asker lacks, as y-websocket does.
    const reply = encoding.createEncoder();
    expect(
      syncProtocol.readSyncMessage(
        afterType(syncStep1Message(client), MESSAGE_SYNC),
        reply,
        server,
        null,
      ),
    ).toBe(syncProtocol.messageYjsSyncStep1);
    expect(encoding.length(reply)).toBeGreaterThan(2);
    for (const message of [
      syncStep2Message(Y.encodeStateAsUpdate(server)),
      syncUpdateMessage(Y.encodeStateAsUpdate(server)),
    ]) {
      const copy = new Y.Doc();
      syncProtocol.readSyncMessage(
        afterType(message, MESSAGE_SYNC),
        encoding.createEncoder(),
        copy,
        null,
      );
      expect(copy.getText("t").toString()).toBe("stored text");
    }
  });

  it("round-trips awareness and the query for it", () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: "Ana" } });
    const [received] = read(awarenessStatesMessage(awareness));
    expect(received?.kind).toBe("awareness");
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(
      other,
      (received as { bytes: Uint8Array }).bytes,
      null,
    );
    expect(other.getStates().get(doc.clientID)).toEqual({
      user: { name: "Ana" },
    });
    const update = new Uint8Array([1, 2, 3]);
    expect(read(awarenessMessage(update))).toEqual([
      { kind: "awareness", bytes: update },
    ]);
    expect(read(queryAwarenessMessage())).toEqual([{ kind: "queryAwareness" }]);
    awareness.destroy();
    other.destroy();
  });

  it("ignores y-websocket's auth message", () => {
    expect(read(new Uint8Array([MESSAGE_AUTH, 0, 3, 97, 98, 99]))).toEqual([]);
  });

  it("round-trips the stored and access messages", () => {
    const stateVector = Y.encodeStateVector(docWithText("x"));
    expect(
      readStored(afterType(storedMessage(300, stateVector), MESSAGE_STORED)),
    ).toEqual({ storedMessages: 300, storedState: stateVector });
    for (const readOnly of [true, false]) {
      const reason = "submitted: the desk is reviewing it — ça va";
      expect(
        readAccess(afterType(accessMessage(readOnly, reason), MESSAGE_ACCESS)),
      ).toEqual({ readOnly, reason });
    }
  });

  it("reports every truncated message as malformed", () => {
    for (const message of everyClientMessage()) {
      for (let length = 0; length < message.length; length++) {
        const error = thrown(() => read(message.subarray(0, length)));
        expect(error, `${message.join()} cut at ${length}`).toBeInstanceOf(
          MalformedMessage,
        );
        expect((error as MalformedMessage).cause).toBeDefined();
      }
    }
    const stored = storedMessage(7, Y.encodeStateVector(docWithText("x")));
    const access = accessMessage(true, "submitted");
    for (const [message, readIt] of [
      [stored, readStored],
      [access, readAccess],
    ] as const) {
      for (let length = 1; length < message.length; length++) {
        const decoder = decoding.createDecoder(message.subarray(0, length));
        decoding.readVarUint(decoder);
        expect(thrown(() => readIt(decoder))).toBeInstanceOf(MalformedMessage);
      }
    }
  });

  it("reports garbage as malformed, and unknown types as such", () => {
    // A step 1 whose "state vector" is not one.
    const badVector = new Uint8Array([MESSAGE_SYNC, 0, 2, 5, 1]);
    expect(thrown(() => read(badVector))).toBeInstanceOf(MalformedMessage);

    const unknownType = thrown(() => read(new Uint8Array([7, 0])));
    expect(unknownType).toBeInstanceOf(MalformedMessage);
    expect((unknownType as MalformedMessage).message).toBe(
      "unknown message type 7",
    );
    expect((unknownType as MalformedMessage).cause).toBeUndefined();
    const unknownSync = thrown(() => read(new Uint8Array([MESSAGE_SYNC, 9])));
    expect((unknownSync as MalformedMessage).message).toBe(
      "unknown sync message 9",
    );

    // Seeded garbage: whatever it is read as, nothing else is ever thrown.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: next() % 12 }, () => next());
      bytes[0] = next() % 5;
      const error = thrown(() => read(bytes));
      if (error !== null) expect(error).toBeInstanceOf(MalformedMessage);
    }
  });

  it("lets the handler's own errors through unchanged", () => {
    const failure = new Error("the handler failed");
    const failing: ClientMessageHandler<null> = {
      syncStep1: () => {},
      update: () => {
        throw failure;
      },
      awareness: () => {},
      queryAwareness: () => {},
      renew: () => {},
    };
    expect(
      thrown(() =>
        readClientMessage(
          syncUpdateMessage(new Uint8Array([0, 0])),
          failing,
          null,
        ),
      ),
    ).toBe(failure);
  });
});
