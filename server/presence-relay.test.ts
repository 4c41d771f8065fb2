import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  adoptAssignedUser,
  watchAssignedUser,
} from "../lib/collab/assigned-presence";
import type { PresenceState } from "../lib/collab/presence-state";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import {
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
  bodyOf,
} from "./testing/harness";

/** y-websocket's message type for awareness. */
const MESSAGE_AWARENESS = 1;

/** Counts the awareness messages `client` receives. */
function countPresenceMessages(client: TestClient): () => number {
  let count = 0;
  const handlers = client.provider.messageHandlers;
  const original = handlers[MESSAGE_AWARENESS]!;
  handlers[MESSAGE_AWARENESS] = (...args) => {
    count += 1;
    original(...args);
  };
  return () => count;
}

/** Moves `client`'s caret to `index` in the first paragraph, as y-prosemirror does. */
function moveCaret(client: TestClient, index: number): void {
  const paragraph = client.doc.getXmlFragment("body").get(0) as Y.XmlElement;
  const text = paragraph.get(0) as Y.XmlText;
  const at = Y.relativePositionToJSON(
    Y.createRelativePositionFromTypeIndex(text, index),
  );
  client.provider.awareness.setLocalStateField("cursor", {
    anchor: at,
    head: at,
  });
}

/** Whether `watcher` holds `typist`'s caret as the typist last set it. */
function seesCaret(watcher: TestClient, typist: TestClient): boolean {
  const last = typist.provider.awareness.getLocalState() as PresenceState;
  const seen = watcher.provider.awareness
    .getStates()
    .get(typist.doc.clientID) as PresenceState | undefined;
  return JSON.stringify(seen?.cursor) === JSON.stringify(last.cursor);
}

// Stores are not what this is about: one is enough.
const variant = storeVariants()[0]!;

describe("presence relay", () => {
  let ts: TestStore;
  const clients: TestClient[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
    await ts.cleanup();
  });

  async function room(presenceRelayMs: number, watcherCount = 3) {
    ts = await variant.create();
    const rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
    const ed = await createTestUser(ts.store, "editor", "Ed Editor");
    const { id } = await createTestStory(ts.store, rita, {
      headline: "Flood",
      body: bodyOf("The river rose overnight."),
    });
    const server = await startTestServer(ts.store, { presenceRelayMs });
    servers.push(server);
    const connect = async (user: typeof rita) => {
      const client = connectClient(server.url, id, await tokenFor(user, id));
      clients.push(client);
      await client.synced();
      return client;
    };
    const typist = await connect(rita);
    const watchers: TestClient[] = [];
    for (let i = 0; i < watcherCount; i++) watchers.push(await connect(ed));
    typist.provider.awareness.setLocalStateField("user", {
      id: "",
      name: "",
      color: "",
    });
    // Wait until everyone's greeting presence has come and gone through the relay.
    await waitFor(
      () =>
        watchers.every((w) =>
          w.provider.awareness.getStates().has(typist.doc.clientID),
        ),
      "everyone to see the typist",
    );
    // (A small room relays at once: its greeting is through long before a long interval.)
    await new Promise((r) =>
      setTimeout(r, Math.min(presenceRelayMs, 500) + 50),
    );
    return { typist, watchers };
  }

  it("sends a burst of caret moves as one merged message holding the latest caret", async () => {
    const { typist, watchers } = await room(100);
    const counters = watchers.map(countPresenceMessages);
    for (let i = 0; i < 20; i++) moveCaret(typist, i);
    await waitFor(
      () => watchers.every((w) => seesCaret(w, typist)),
      "every watcher to see the last caret",
    );
    await new Promise((r) => setTimeout(r, 250));
    // Twenty moves within one interval: one message each, where relayed one by one it was 20.
    for (const count of counters) expect(count()).toBe(1);
  });

  it("in a room of two, relays a caret move at once, not after the interval", async () => {
    // An interval far longer than the wait below: a merged relay would not have sent yet.
    const { typist, watchers } = await room(5000, 1);
    const watcher = watchers[0]!;
    const started = performance.now();
    moveCaret(typist, 3);
    await waitFor(
      () => seesCaret(watcher, typist),
      "the watcher to see the caret",
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("with the relay off (0), every move goes out on its own", async () => {
    const { typist, watchers } = await room(0);
    const counters = watchers.map(countPresenceMessages);
    for (let i = 0; i < 20; i++) moveCaret(typist, i);
    await waitFor(
      () => counters.every((c) => c() >= 20),
      "twenty messages each",
    );
  });

  it("does not send a typist back its own caret once it shows what the server says (as the editor does)", async () => {
    const { typist, watchers } = await room(100);
    adoptAssignedUser(typist.provider);
    typist.provider.awareness.setLocalStateField("cursor", null);
    await waitFor(
      () =>
        (typist.provider.awareness.getLocalState() as PresenceState).user
          ?.name === "Rita Reporter",
      "the typist to show the server's user",
    );
    await new Promise((r) => setTimeout(r, 250));
    const toTypist = countPresenceMessages(typist);
    const counters = watchers.map(countPresenceMessages);
    for (let i = 0; i < 20; i++) moveCaret(typist, i);
    await waitFor(
      () => counters.every((c) => c() >= 1),
      "the watchers to hear the moves",
    );
    await new Promise((r) => setTimeout(r, 250));
    expect(toTypist()).toBe(0);
    // A watcher still sees the typist as the server shows them.
    const seen = watchers[0]!.provider.awareness
      .getStates()
      .get(typist.doc.clientID) as PresenceState;
    expect(seen.user?.name).toBe("Rita Reporter");
  });

  it("tells each person the colour everyone else sees them in, unique in the story", async () => {
    const { typist, watchers } = await room(100);
    const watcher = watchers[0]!;
    // The test tokens give every account the same colour: the server must tell them apart.
    const assigned = new Map<TestClient, string>();
    for (const client of [typist, watcher]) {
      watchAssignedUser(client.provider, (user) =>
        assigned.set(client, user.color),
      );
      client.provider.awareness.setLocalStateField("cursor", null);
    }
    await waitFor(() => assigned.size === 2, "both to hear their colour");
    expect(assigned.get(typist)).not.toBe(assigned.get(watcher));
    const seenByTypist = typist.provider.awareness
      .getStates()
      .get(watcher.doc.clientID) as PresenceState;
    expect(seenByTypist.user?.color).toBe(assigned.get(watcher));
  });
});
