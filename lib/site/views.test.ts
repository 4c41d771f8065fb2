import { afterEach, describe, expect, it } from "vitest";
import { addPageViews, hourBucket } from "../db/page-views";
import { createStory } from "../db/story-rows";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { encodeInitialStoryDocument } from "../editor/story-document";
import {
  createViewCounter,
  isBotUserAgent,
  isPrefetch,
  windowStart,
} from "./views";

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

  it("buckets views by UTC hour", () => {
    const at = new Date("2024-10-25T14:59:59.999Z");
    expect(hourBucket(at)).toBe("2024-10-25T14");
    expect(windowStart(at, 48)).toBe("2024-10-23T14");
  });
});

for (const variant of storeVariants()) {
  describe(`page views on ${variant.name}`, () => {
    let ts: TestStore;
    afterEach(async () => ts?.cleanup());

    it("adds batches to one row per story and hour", async () => {
      ts = await variant.create();
      const author = await createTestUser(ts.store, "reporter");
      const story = await createStory(ts.store, {
        author,
        headline: "Counted",
        initialDocument: encodeInitialStoryDocument({ headline: "Counted" }),
      });
      const at = new Date("2024-10-25T14:10:00Z");
      await addPageViews(ts.store.db, new Map([[story.id, 3]]), at);
      await addPageViews(ts.store.db, new Map([[story.id, 2]]), at);
      await addPageViews(
        ts.store.db,
        new Map([[story.id, 1]]),
        new Date("2024-10-25T15:00:00Z"),
      );
      const rows = await ts.store.db
        .selectFrom("page_views")
        .selectAll()
        .orderBy("hour")
        .execute();
      expect(rows).toEqual([
        { story_id: story.id, hour: "2024-10-25T14", views: 5 },
        { story_id: story.id, hour: "2024-10-25T15", views: 1 },
      ]);

      const counter = createViewCounter(async () => ts.store.db, 60_000);
      counter.record(story.id);
      counter.record(story.id);
      await counter.close();
      const total = await ts.store.db
        .selectFrom("page_views")
        .select((eb) => eb.fn.sum<number>("views").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(total.n)).toBe(8);
    });
  });
}
