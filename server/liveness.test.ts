import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { watchLiveness } from "../lib/collab/liveness";
import {
  createSqliteTestStore,
  createTestUser,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import {
  appendParagraph,
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

/**
 * A TCP relay to `port` whose connections can be severed silently: once `sever()` is called,
 * the connections open then carry nothing more, in either direction, and never close (a
 * network gone away); connections opened afterwards relay normally.
 */
async function severableRelay(port: number) {
  const open = new Set<{ dead: boolean }>();
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(port, "127.0.0.1");
    const link = { dead: false };
    open.add(link);
    sockets.add(client).add(upstream);
    client.on("data", (chunk) => link.dead || upstream.write(chunk));
    upstream.on("data", (chunk) => link.dead || client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on("close", () => link.dead || b.destroy());
      a.on("error", () => undefined);
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    url: `ws://127.0.0.1:${(relay.address() as net.AddressInfo).port}`,
    sever() {
      for (const link of open) link.dead = true;
      open.clear();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      relay.close();
    },
  };
}

describe("the client's liveness check", () => {
  let ts: TestStore;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let reporter: UserRow;
  let storyId: string;
  let client: TestClient | null = null;
  let relay: Awaited<ReturnType<typeof severableRelay>> | null = null;

  beforeEach(async () => {
    ts = await createSqliteTestStore();
    reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
    storyId = (await createTestStory(ts.store, reporter)).id;
    server = await startTestServer(ts.store);
  });

  afterEach(async () => {
    client?.destroy();
    relay?.close();
    await server.close();
    await ts.cleanup();
  });

  it("takes a silent connection for dead, says so, and catches up on a new one", async () => {
    relay = await severableRelay(server.port);
    client = connectClient(
      relay.url,
      storyId,
      await tokenFor(reporter, storyId),
      {
        acks: true,
      },
    );
    let deaths = 0;
    const stop = watchLiveness(
      () => client!.provider,
      () => deaths++,
    );
    try {
      await client.synced();
      appendParagraph(client.doc, "Before the silence.");
      await client.saved();
      // Heartbeats keep a quiet but live connection alive.
      await new Promise((r) => setTimeout(r, 5000));
      expect(deaths).toBe(0);

      relay.sever();
      appendParagraph(client.doc, "Into the silence.");
      await waitFor(() => deaths > 0, "the dead connection to be noticed");
      // The new connection goes through: the edit made into the silence is stored.
      await client.saved();
      expect(client.provider.wsconnected).toBe(true);
    } finally {
      stop();
    }
  });
});
