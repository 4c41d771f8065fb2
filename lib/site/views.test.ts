import { describe, expect, it } from "vitest";
import { addPageViews, hourBucket } from "../db/page-views";
import { createStory } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { encodeInitialStoryDocument } from "../editor/story-document";
import {
  createViewCounter,
  isBotUserAgent,
  isPrefetch,
  readerKey,
  windowStart,
} from "./views";
import { PEER_HEADER, setPeerToken } from "../client-address";

const chrome =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

describe("who counts as a reader", () => {
  it("excludes robots, previews, automation and empty user agents", () => {
    for (const ua of [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0)",
      "facebookexternalhit/1.1",
      "Twitterbot/1.0",
      "Slackbot-LinkExpanding 1.0",
      "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/130.0.0.0 Safari/537.36",
      "curl/8.5.0",
      "python-requests/2.31",
      "",
      null,
    ])
      expect(isBotUserAgent(ua), String(ua)).toBe(true);
    for (const ua of [
      chrome,
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
    ])
      expect(isBotUserAgent(ua), ua).toBe(false);
  });

  it("does not count prefetches", () => {
    expect(isPrefetch(new Headers({ "sec-purpose": "prefetch" }))).toBe(true);
    expect(isPrefetch(new Headers({ "next-router-prefetch": "1" }))).toBe(true);
    expect(isPrefetch(new Headers({ purpose: "prefetch" }))).toBe(true);
    expect(isPrefetch(new Headers({ rsc: "1" }))).toBe(false);
  });

  it("knows a reader by address and User-Agent, not by what they forward", () => {
    setPeerToken("t");
    try {
      const key = (peer: string, ua: string, forwarded?: string) =>
        readerKey(
          new Headers({
            [PEER_HEADER]: `t 0 ${peer}`,
            "user-agent": ua,
            ...(forwarded ? { "x-forwarded-for": forwarded } : {}),
          }),
          "secret-secret-secret-secret-secret",
        );
      const ana = key("203.0.113.9", chrome);
      expect(ana).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ana).not.toContain("203");
      expect(key("203.0.113.9", chrome, "198.51.100.1")).toBe(ana);
      expect(key("203.0.113.10", chrome)).not.toBe(ana);
      expect(key("203.0.113.9", `${chrome} Edg/130`)).not.toBe(ana);
    } finally {
      setPeerToken(undefined);
    }
  });

  it("buckets views by UTC hour", () => {
    const at = new Date("2024-10-25T14:59:59.999Z");
    expect(hourBucket(at)).toBe("2024-10-25T14");
    expect(windowStart(at, 48)).toBe("2024-10-23T14");
  });
});

for (const variant of storeVariants()) {
  describe(`page views on ${variant.name}`, () => {
    const desk = useTestDesk(variant, { author: ["reporter"] });

    it("adds batches to one row per story and hour", async () => {
      const story = await createStory(desk.store, {
        author: desk.author,
        headline: "Counted",
        initialDocument: encodeInitialStoryDocument({ headline: "Counted" }),
      });
      const at = new Date("2024-10-25T14:10:00Z");
      await addPageViews(desk.store.db, new Map([[story.id, 3]]), at);
      await addPageViews(desk.store.db, new Map([[story.id, 2]]), at);
      await addPageViews(
        desk.store.db,
        new Map([[story.id, 1]]),
        new Date("2024-10-25T15:00:00Z"),
      );
      const rows = await desk.store.db
        .selectFrom("page_views")
        .selectAll()
        .orderBy("hour")
        .execute();
      expect(rows).toEqual([
        { story_id: story.id, hour: "2024-10-25T14", views: 5 },
        { story_id: story.id, hour: "2024-10-25T15", views: 1 },
      ]);

      const counter = createViewCounter(async () => desk.store, 60_000);
      counter.record(story.id, "reader-1");
      counter.record(story.id, "reader-2");
      await counter.close();
      const total = await desk.store.db
        .selectFrom("page_views")
        .select((eb) => eb.fn.sum<number>("views").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(8);
    });

    it("counts a reader's views of a story at most once an hour", async () => {
      const make = (headline: string) =>
        createStory(desk.store, {
          author: desk.author,
          headline,
          initialDocument: encodeInitialStoryDocument({ headline }),
        });
      const [one, two] = [await make("One"), await make("Two")];
      let t = Date.parse("2024-10-25T14:10:00Z");
      const counter = createViewCounter(
        async () => desk.store,
        60_000,
        () => t,
      );
      const total = async (storyId: string) => {
        await counter.flush();
        const row = await desk.store.db
          .selectFrom("page_views")
          .select((eb) => eb.fn.sum<number>("views").as("n"))
          .where("story_id", "=", storyId)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      };

      // Reloads in one batch and in later batches within the hour: one view.
      counter.record(one.id, "ana");
      counter.record(one.id, "ana");
      expect(await total(one.id)).toBe(1);
      t += 30 * 60_000;
      counter.record(one.id, "ana");
      expect(await total(one.id)).toBe(1);
      // Another reader, and the same reader on another story, count.
      counter.record(one.id, "ben");
      counter.record(two.id, "ana");
      expect(await total(one.id)).toBe(2);
      expect(await total(two.id)).toBe(1);
      // Just before the hour ends: still not; after it: counted again.
      t += 29 * 60_000 + 59_000;
      counter.record(one.id, "ana");
      expect(await total(one.id)).toBe(2);
      t += 2_000;
      counter.record(one.id, "ana");
      expect(await total(one.id)).toBe(3);
      await counter.close();
      // The dedupe rows name no reader in the clear.
      const keys = await desk.store.db
        .selectFrom("attempt_counters")
        .select("key")
        .execute();
      expect(keys.length).toBeGreaterThan(0);
    });
  });
}
