import { randomBytes } from "node:crypto";
import { afterEach, beforeEach } from "vitest";
import type { FanoutControl } from "../../lib/collab/fanout";
import {
  createTestUser,
  type StoreVariant,
  type TestStore,
} from "../../lib/db/testing";
import type { UserRow } from "../../lib/db/users";
import type { CollabConfig } from "../config";
import {
  connectClient,
  createTestStory,
  numberedBody,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./harness";

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A story of two paragraphs by a reporter on a fresh store, and collaboration servers that share
 * it and one Redis (channels of their own), made before each test; every server and client the
 * test started is closed after it. Read its fields inside tests only.
 */
export interface RedisServers {
  ts: TestStore;
  reporter: UserRow;
  storyId: string;
  /** The prefix of this test's Redis channels. */
  fanoutPrefix: string;
  /** Control messages each server's rooms received, by the server's index. */
  controls: Array<{ server: number; control: FanoutControl }>;
  /** A server on its own store handle, as a separate process would have. */
  startServer(overrides?: Partial<CollabConfig>): Promise<TestServer>;
  /** Two servers, once both have reached Redis. */
  startTwoServers(): Promise<readonly [TestServer, TestServer]>;
  /** The reporter's stock client on `server`, with acknowledgements unless `acks` is false. */
  connect(server: TestServer, acks?: boolean): Promise<TestClient>;
  /** Keeps a client the test connected its own way, to be destroyed after the test. */
  track(client: TestClient): TestClient;
}

/** Registers the servers' beforeEach and afterEach in the calling `describe`. */
export function useRedisServers(
  variant: StoreVariant,
  redisUrl: string | undefined,
): RedisServers {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  let config: Partial<CollabConfig> = {};
  // Its store, reporter, story and prefix are made before each test.
  const setup = {
    controls: [],
    async startServer(overrides = {}) {
      const index = servers.length;
      const server = await startTestServer(
        index === 0 ? setup.ts.store : await setup.ts.reopen(),
        { ...config, ...overrides },
        undefined,
        {
          onControl: (_room, control) =>
            setup.controls.push({ server: index, control }),
        },
      );
      servers.push(server);
      return server;
    },
    async startTwoServers() {
      const [a, b] = [await setup.startServer(), await setup.startServer()];
      await waitFor(
        () =>
          a.fanout.status() === "connected" &&
          b.fanout.status() === "connected",
        "both servers to reach Redis",
      );
      return [a, b] as const;
    },
    async connect(server, acks = true) {
      return setup.track(
        connectClient(
          server.url,
          setup.storyId,
          await tokenFor(setup.reporter, setup.storyId),
          { acks },
        ),
      );
    },
    track(client) {
      clients.push(client);
      return client;
    },
  } as Omit<
    RedisServers,
    "ts" | "reporter" | "storyId" | "fanoutPrefix"
  > as RedisServers;

  beforeEach(async () => {
    setup.ts = await variant.create();
    setup.reporter = await createTestUser(setup.ts.store, "reporter");
    setup.storyId = (
      await createTestStory(setup.ts.store, setup.reporter, {
        body: numberedBody(2),
      })
    ).id;
    // Channels of our own: other test runs may share this Redis.
    setup.fanoutPrefix = `newsroom-test:${randomBytes(4).toString("hex")}:`;
    config = {
      redisUrl,
      fanoutPrefix: setup.fanoutPrefix,
      resyncIntervalMs: 500,
      storeResyncIntervalMs: 2000,
    };
    setup.controls.length = 0;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.close();
    await setup.ts.cleanup();
  });
  return setup;
}
