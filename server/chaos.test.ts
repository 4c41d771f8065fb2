import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadStoryDoc } from "../lib/db/documents";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { Store } from "../lib/db/client";
import type { UserRow } from "../lib/db/users";
import type { CollabConfig } from "./config";
import {
  bodyXml,
  connectClient,
  createTestStory,
  numberedBody,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";
import {
  redisServerAvailable,
  startPrivateRedis,
  type PrivateRedis,
} from "./testing/redis";
import { findProblems, seededRandom, Typist } from "./testing/typist";

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** CHAOS_SEED reproduces a run's sequence of choices; CHAOS_STEPS makes it longer. */
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 1e9));
const STEPS = Number(process.env.CHAOS_STEPS ?? 200);

/** One of the two collaboration servers, restarted now and then on the same store handle. */
interface Slot {
  store: Store;
  server: TestServer;
}

for (const variant of storeVariants()) {
  describe.skipIf(!redisServerAvailable())(
    `two servers and Redis under chaos (${variant.name})`,
    () => {
      let ts: TestStore;
      let redis: PrivateRedis;
      let reporter: UserRow;
      let storyId: string;
      let config: Partial<CollabConfig>;
      const slots: Slot[] = [];
      const clients: TestClient[] = [];

      beforeEach(async () => {
        ts = await variant.create();
        redis = await startPrivateRedis();
        reporter = await createTestUser(ts.store, "reporter");
        storyId = (
          await createTestStory(ts.store, reporter, { body: numberedBody(3) })
        ).id;
        config = {
          redisUrl: redis.url,
          resyncIntervalMs: 500,
          storeResyncIntervalMs: 2000,
        };
        for (const store of [ts.store, await ts.reopen()])
          slots.push({ store, server: await startTestServer(store, config) });
      });

      afterEach(async () => {
        for (const c of clients.splice(0)) c.destroy();
        for (const slot of slots.splice(0)) await slot.server.close();
        await redis.stop();
        await ts.cleanup();
      });

      const typistOn = async (
        slot: Slot,
        name: string,
        random: () => number,
      ) => {
        const client = connectClient(
          slot.server.url,
          storyId,
          await tokenFor(reporter, storyId),
          { acks: true },
        );
        client.provider.maxBackoffTime = 50;
        clients.push(client);
        return new Typist(client, name, random);
      };

      const pointAt = (typist: Typist, slot: Slot) => {
        typist.client.provider.serverUrl = slot.server.url;
      };

      it(`ends with identical documents everywhere after ${STEPS} random steps (seed ${SEED})`, async () => {
        const random = seededRandom(SEED);
        const pick = <T>(items: readonly T[]): T =>
          items[Math.floor(random() * items.length)]!;
        const typists: Typist[] = [];
        for (const name of ["a", "b", "c", "d", "e", "f"])
          typists.push(await typistOn(pick(slots), name, random));
        const log: string[] = [];

        for (let step = 0; step < STEPS; step++) {
          const roll = random();
          if (roll < 0.7) {
            for (const t of typists) if (random() < 0.5) t.type();
          } else if (roll < 0.8) {
            const t = pick(typists);
            log.push(`${step}: ${t.name} disconnects`);
            t.client.provider.disconnect();
          } else if (roll < 0.9) {
            const t = pick(typists);
            const slot = pick(slots);
            log.push(`${step}: ${t.name} connects to ${slots.indexOf(slot)}`);
            t.client.provider.disconnect();
            pointAt(t, slot);
            t.client.provider.connect();
          } else if (roll < 0.96) {
            const index = Math.floor(random() * slots.length);
            const slot = slots[index]!;
            log.push(`${step}: server ${index} restarts`);
            const oldUrl = slot.server.url;
            await slot.server.close();
            slot.server = await startTestServer(slot.store, config);
            for (const t of typists)
              if (t.client.provider.serverUrl === oldUrl) pointAt(t, slot);
          } else {
            log.push(`${step}: Redis restarts`);
            await redis.restart();
          }
          await new Promise((r) => setTimeout(r, 5 + random() * 25));
        }

        for (const t of typists)
          if (!t.client.provider.shouldConnect) t.client.provider.connect();
        await waitFor(
          () =>
            typists.every(
              (t) =>
                t.client.provider.synced && t.client.tracker.state === "saved",
            ),
          `every client to have everything stored (${log.join("; ")})`,
          20_000,
        );
        const stored = bodyXml(await loadStoryDoc(ts.store, storyId));
        expect(findProblems(stored, typists, { final: true })).toEqual([]);
        await waitFor(
          () =>
            typists.every((t) => bodyXml(t.client.doc) === stored) &&
            slots.every((s) => {
              const room = s.server.registry.get(storyId);
              return !room || bodyXml(room.doc) === stored;
            }),
          `clients and servers to converge on the stored story (${log.join("; ")})`,
          20_000,
        );
      }, 120_000);

      it("keeps clients on two servers converging while Redis restarts mid-editing", async () => {
        const random = seededRandom(SEED + 1);
        const typists = [
          await typistOn(slots[0]!, "a", random),
          await typistOn(slots[0]!, "b", random),
          await typistOn(slots[1]!, "c", random),
          await typistOn(slots[1]!, "d", random),
        ];
        await Promise.all(typists.map((t) => t.client.synced()));
        const typing = setInterval(() => {
          for (const t of typists) if (random() < 0.5) t.type();
        }, 10);
        try {
          await new Promise((r) => setTimeout(r, 500));
          // Down for a while, so that published updates are certainly lost, then back, empty.
          await redis.stop();
          await waitFor(
            () =>
              slots.every((s) => s.server.fanout.status() === "disconnected"),
            "both servers to notice",
          );
          await new Promise((r) => setTimeout(r, 300));
          await redis.restart();
          await waitFor(
            () => slots.every((s) => s.server.fanout.status() === "connected"),
            "both servers to reconnect",
          );
          await new Promise((r) => setTimeout(r, 500));
        } finally {
          clearInterval(typing);
        }
        await waitFor(
          () => typists.every((t) => t.client.tracker.state === "saved"),
          "everything to be stored",
        );
        const stored = bodyXml(await loadStoryDoc(ts.store, storyId));
        expect(findProblems(stored, typists, { final: true })).toEqual([]);
        await waitFor(
          () => typists.every((t) => bodyXml(t.client.doc) === stored),
          "clients on both servers to converge",
        );
        expect(
          slots.reduce(
            (n, s) => n + s.server.metrics.fanoutPublishFailures.get(),
            0,
          ),
        ).toBeGreaterThan(0);
      }, 60_000);
    },
  );
}
