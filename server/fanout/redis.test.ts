import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { eventsUrl } from "../../lib/collab/announce";
import {
  FEED_PATH,
  signFeedToken,
  signNewsroomEvent,
} from "../../lib/collab/newsroom-events";
import { transitionStory } from "../../lib/stories/commands";
import { storyChannel } from "../../lib/collab/fanout";
import { countDocumentUpdates, loadStoryDoc } from "../../lib/db/documents";
import { storeVariants } from "../../lib/db/testing";
import {
  appendParagraph,
  bodyXml,
  occurrences,
  paragraphTexts,
  TEST_SECRET,
  waitFor,
} from "../testing/harness";
import { sharedRedisUrl } from "../testing/redis";
import { useRedisServers } from "../testing/redis-servers";
import type { RedisFanout } from "./redis";

/** Unset REDIS_URL skips these tests, saying so; a set one that does not answer fails this file. */
const redisUrl = await sharedRedisUrl();
if (!redisUrl) console.warn("Redis fan-out tests skipped: REDIS_URL is unset.");

for (const variant of storeVariants()) {
  describe.skipIf(!redisUrl)(`fan-out through Redis (${variant.name})`, () => {
    const room = useRedisServers(variant, redisUrl);
    const { startServer, startTwoServers, connect } = room;

    it("makes clients on two servers converge and see each other, storing each update once", async () => {
      const [a, b] = await startTwoServers();
      const onA = await connect(a);
      const onB = await connect(b);
      await Promise.all([onA.synced(), onB.synced()]);
      // The server says who is present: the account, whatever name the client sets.
      onA.provider.awareness.setLocalStateField("user", { name: "On A" });
      onB.provider.awareness.setLocalStateField("user", { name: "On B" });
      for (let i = 0; i < 5; i++) {
        appendParagraph(onA.doc, `From A ${i}.`);
        appendParagraph(onB.doc, `From B ${i}.`);
      }
      await Promise.all([onA.saved(), onB.saved()]);
      await waitFor(
        () =>
          bodyXml(onA.doc) === bodyXml(onB.doc) &&
          paragraphTexts(onA.doc).length === 12,
        "convergence across servers",
      );
      await waitFor(
        () =>
          (
            onA.provider.awareness.getStates().get(onB.doc.clientID) as
              { user?: { name: string } } | undefined
          )?.user?.name === room.reporter.name &&
          (
            onB.provider.awareness.getStates().get(onA.doc.clientID) as
              { user?: { name: string } } | undefined
          )?.user?.name === room.reporter.name,
        "each to see the other's presence",
      );
      // Every server stores its own clients' updates, and only those.
      expect(a.metrics.storedUpdates.get()).toBe(5);
      expect(b.metrics.storedUpdates.get()).toBe(5);
      const stored = bodyXml(await loadStoryDoc(room.ts.store, room.storyId));
      expect(stored).toBe(bodyXml(onA.doc));
      for (let i = 0; i < 5; i++) {
        expect(occurrences(stored, `From A ${i}.`)).toBe(1);
        expect(occurrences(stored, `From B ${i}.`)).toBe(1);
      }

      const metrics = await (await fetch(`${b.metricsUrl}/metrics`)).text();
      expect(metrics).toContain("newsroom_collab_redis_connected 1\n");
      expect(metrics).toMatch(/newsroom_collab_fanout_lag_seconds_count [1-9]/);
      expect(
        await (
          await fetch(`${b.url.replace("ws://", "http://")}/healthz`)
        ).json(),
      ).toMatchObject({ ok: true, fanout: "connected" });

      onB.destroy();
      await waitFor(
        () => !onA.provider.awareness.getStates().has(onB.doc.clientID),
        "B's client to disappear from A's presence",
      );
    });

    it("lets a server that starts later catch up, from the store and from its peers", async () => {
      const a = await startServer();
      const onA = await connect(a);
      await onA.synced();
      for (let i = 0; i < 10; i++) appendParagraph(onA.doc, `Early ${i}.`);
      await onA.saved();

      const b = await startServer();
      const onB = await connect(b);
      await onB.synced();
      expect(paragraphTexts(onB.doc)).toEqual(paragraphTexts(onA.doc));
      appendParagraph(onA.doc, "Late news.");
      await waitFor(
        () => paragraphTexts(onB.doc).includes("Late news."),
        "B's client to receive what A's client types",
      );
    });

    it("initialises a new story once when ten people open it on two servers at the same moment", async () => {
      const [a, b] = [await startServer(), await startServer()];
      const people = await Promise.all(
        Array.from({ length: 10 }, (_, i) => connect(i % 2 ? a : b)),
      );
      await Promise.all(people.map((p) => p.synced()));
      people.forEach((p, i) => appendParagraph(p.doc, `Person ${i}.`));
      await Promise.all(people.map((p) => p.saved()));
      await waitFor(
        () =>
          people.every(
            (p) =>
              bodyXml(p.doc) === bodyXml(people[0]!.doc) &&
              paragraphTexts(p.doc).length === 12,
          ),
        "everyone to converge",
      );
      const stored = bodyXml(await loadStoryDoc(room.ts.store, room.storyId));
      expect(stored).toBe(bodyXml(people[0]!.doc));
      expect(occurrences(stored, "Paragraph 1 of 2.")).toBe(1);
      expect(
        await countDocumentUpdates(room.ts.store.db, room.storyId),
      ).toBeLessThanOrEqual(11);
    });

    it("catches up after its Redis connections drop, even with no periodic resync", async () => {
      const slow = {
        resyncIntervalMs: 600_000,
        storeResyncIntervalMs: 600_000,
      };
      const a = await startServer(slow);
      const b = await startServer(slow);
      const onA = await connect(a);
      const onB = await connect(b);
      await Promise.all([onA.synced(), onB.synced()]);
      await waitFor(() => b.fanout.status() === "connected", "B on Redis");

      // Drop B's connections, as a network blip would; A's client types meanwhile.
      const admin = new Redis(redisUrl!);
      try {
        const id = (b.fanout as RedisFanout).serverId;
        const list = await admin.client("LIST");
        const ids = String(list)
          .split("\n")
          .filter(
            (line) =>
              line.includes(`name=newsroom-collab-sub-${id}`) ||
              line.includes(`name=newsroom-collab-pub-${id}`),
          )
          .map((line) => /id=(\d+)/.exec(line)![1]!);
        expect(ids.length).toBe(2);
        for (const clientId of ids) await admin.client("KILL", "ID", clientId);
      } finally {
        admin.disconnect();
      }
      for (let i = 0; i < 5; i++)
        appendParagraph(onA.doc, `During the blip ${i}.`);
      await onA.saved();
      await waitFor(
        () => bodyXml(onB.doc) === bodyXml(onA.doc),
        "B's client to catch up once B is back on Redis",
      );
      expect(occurrences(bodyXml(onB.doc), "During the blip 4.")).toBe(1);
    });

    it("delivers control messages to the story's room on every server", async () => {
      const [a, b] = [await startServer(), await startServer()];
      await Promise.all([
        (await connect(a)).synced(),
        (await connect(b)).synced(),
      ]);
      // A control message is said once and never caught up: both rooms must be listening first.
      const admin = new Redis(redisUrl!);
      try {
        const channel = storyChannel(room.storyId, room.fanoutPrefix);
        await waitFor(async () => {
          const [, count] = (await admin.pubsub("NUMSUB", channel)) as [
            string,
            number,
          ];
          return Number(count) === 2;
        }, "both servers to subscribe to the story");
      } finally {
        admin.disconnect();
      }
      a.fanout.publishControl(room.storyId, { type: "test-ping", value: 1 });
      await waitFor(() => room.controls.length === 2, "both rooms to get it");
      expect(room.controls.map((c) => c.server).sort()).toEqual([0, 1]);
      expect(room.controls[0]!.control).toEqual({
        type: "test-ping",
        value: 1,
      });
    });

    it("passes an event the app announced to one server on to the others: their sockets are re-decided and their story lists told", async () => {
      // The backstop poll is out of reach: whatever happens in time was pushed.
      const a = await startServer({ accessCheckIntervalMs: 600_000 });
      const b = await startServer({ accessCheckIntervalMs: 600_000 });
      await waitFor(
        () =>
          a.fanout.status() === "connected" &&
          b.fanout.status() === "connected",
        "both servers to reach Redis",
      );
      const onB = await connect(b);
      await onB.synced();
      const heard: string[] = [];
      const feed = new WebSocket(
        `${b.url}${FEED_PATH}?token=${await signFeedToken({ userId: room.reporter.id, generation: 0 }, TEST_SECRET)}`,
      );
      feed.on("message", (data: Buffer) =>
        heard.push(
          (JSON.parse(data.toString()) as { storyId: string }).storyId,
        ),
      );
      await new Promise((resolve) => feed.once("open", resolve));

      await transitionStory(room.ts.store, room.reporter, room.storyId, {
        to: "submitted",
      });
      const answer = await fetch(eventsUrl(a.url), {
        method: "POST",
        body: await signNewsroomEvent(
          { type: "story", storyId: room.storyId, access: true },
          TEST_SECRET,
        ),
      });
      expect(answer.status).toBe(204);
      await waitFor(
        () => onB.access.at(-1)?.reason.startsWith("suggest-only") === true,
        "the socket on the other server to take suggestions only",
      );
      await waitFor(
        () => heard.includes(room.storyId),
        "B's story list to hear",
      );
      feed.terminate();
    });
  });
}
