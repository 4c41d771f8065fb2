import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listStories } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { countUsers, findUsersByIds } from "../db/users";
import { findArticle, listArticles, listSections } from "../site/articles";
import { localUploadStorage } from "../uploads/storage";
import { readDemoArticles, seedDemo } from "./seed";

const articles = readDemoArticles(
  path.join(import.meta.dirname, "../../content"),
);

for (const variant of storeVariants()) {
  describe(`demo seed (${variant.name})`, () => {
    it("seeds the demo newsroom once: the sample article and the sample stories, with their dates", async () => {
      const fresh = await variant.create();
      const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-"));
      try {
        const uploads = localUploadStorage(uploadDir);
        const first = await seedDemo(fresh.store, uploads, articles);
        expect(first.seeded).toBe(true);
        expect(await countUsers(fresh.store.db)).toBe(4);
        const hashes = await fresh.store.db
          .selectFrom("users")
          .select("password_hash")
          .execute();
        expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(4);

        const article = await findArticle(fresh.store.db, first.sampleSlug!);
        expect(article?.headline).toBe(
          "North Korea sends troops to support Russia in Ukraine war: NIS",
        );
        expect(article?.bodyHtml.match(/<figure/g)).toHaveLength(2);
        expect(article?.image?.src).toMatch(/^\/uploads\/[0-9a-f]{32}\.jpg$/);
        expect(
          fs.existsSync(
            path.join(uploadDir, path.basename(article!.image!.src)),
          ),
        ).toBe(true);
        // Its own date (Friday, Oct. 18, 2024, 14:03 in Seoul), not the day of the install.
        expect(article?.publishedAt).toBe("2024-10-18T05:03:00.000Z");
        expect(article?.updatedAt).toBe("2024-10-18T05:03:00.000Z");

        // Every sample story is live, dated before the sample (which stays the lead), with a
        // drawn photo of its own, in several sections; none is news of the last 48 hours.
        const live = await listArticles(fresh.store.db, { limit: 50 });
        expect(live).toHaveLength(articles.length);
        expect(articles.length).toBeGreaterThanOrEqual(5);
        expect(live[0]!.slug).toBe(first.sampleSlug);
        expect(live.every((a) => a.publishedAt < "2024-10-19")).toBe(true);
        expect(new Set(live.map((a) => a.image?.src)).size).toBe(live.length);
        expect(
          (await listSections(fresh.store.db)).map((s) => s.name).sort(),
        ).toEqual([
          "Business",
          "Culture",
          "National",
          "North Korea",
          "Science",
          "Sports",
        ]);
        expect(
          await listArticles(fresh.store.db, {
            limit: 50,
            since: new Date(Date.now() - 48 * 3_600_000).toISOString(),
          }),
        ).toEqual([]);
        const market = await findArticle(
          fresh.store.db,
          "last-lanterns-for-the-night-market-under-the-old-rail-bridge",
        );
        expect(market).toMatchObject({
          section: "Culture",
          dateline: "Busan",
          tags: ["Busan", "Food", "Heritage"],
          bylines: [{ name: "Daniel Cho", email: "reporter2@example.com" }],
        });
        // Written by the reporter its byline names.
        const stories = await listStories(fresh.store.db);
        const marketStory = stories.find((s) => s.slug === market!.slug)!;
        const [author] = await findUsersByIds(fresh.store.db, [
          marketStory.created_by,
        ]);
        expect(author?.email).toBe("reporter2@example.com");

        expect((await seedDemo(fresh.store, uploads, articles)).seeded).toBe(
          false,
        );
        expect(await countUsers(fresh.store.db)).toBe(4);
        expect(await listStories(fresh.store.db)).toHaveLength(articles.length);
      } finally {
        await fresh.cleanup();
        fs.rmSync(uploadDir, { recursive: true, force: true });
      }
    });
  });
}
