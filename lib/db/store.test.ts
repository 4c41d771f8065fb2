import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  encodeInitialStoryDocument,
  readBody,
  readSingleLine,
} from "../editor/story-document";
import { bodyText } from "../editor/render";
import { findArticle } from "../site/articles";
import { localUploadStorage } from "../uploads/storage";
import {
  appendDocumentUpdates,
  compactDocument,
  loadStoryDoc,
  readDocumentUpdates,
} from "./documents";
import { listEvents } from "./events";
import { migrateToLatest } from "./migrations";
import { seedDemo } from "./seed";
import {
  addStoryAuthor,
  createStory,
  findStoryById,
  listStories,
  removeStoryAuthor,
} from "./story-rows";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "./testing";
import { countUsers, type UserRow } from "./users";

for (const variant of storeVariants()) {
  describe(`store (${variant.name})`, () => {
    let ts: TestStore;
    let reporter: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      await createTestUser(ts.store, "editor", "Ed Editor");
    });
    afterEach(async () => ts.cleanup());

    it("runs migrations idempotently", async () => {
      await migrateToLatest(ts.store);
      await migrateToLatest(ts.store);
      expect(await countUsers(ts.store.db)).toBe(2);
    });

    it("creates a story with its author, first document state and audit record in one go", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "Storm warning",
        initialDocument: encodeInitialStoryDocument({
          headline: "Storm warning",
        }),
      });
      const again = await createStory(ts.store, {
        author: reporter,
        headline: "Storm warning",
        initialDocument: encodeInitialStoryDocument({
          headline: "Storm warning",
        }),
      });
      expect(story.slug).toBe("storm-warning");
      expect(again.slug).toMatch(/^storm-warning-[0-9a-f]{6}$/);
      const found = await findStoryById(ts.store.db, story.id);
      expect(found).toMatchObject({
        status: "draft",
        headline: "Storm warning",
        authorIds: [reporter.id],
      });
      expect(
        readSingleLine(await loadStoryDoc(ts.store, story.id), "headline"),
      ).toBe("Storm warning");
      expect(
        (await listEvents(ts.store.db, story.id)).map((e) => e.kind),
      ).toEqual(["created"]);
      expect((await listStories(ts.store.db, { query: "STORM" })).length).toBe(
        2,
      );
      expect((await listStories(ts.store.db, { query: "100%_" })).length).toBe(
        0,
      );
    });

    it("adds and removes co-authors idempotently", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "x",
        initialDocument: encodeInitialStoryDocument({ headline: "x" }),
      });
      const other = await createTestUser(ts.store, "reporter");
      expect(await addStoryAuthor(ts.store.db, story.id, other.id)).toBe(true);
      expect(await addStoryAuthor(ts.store.db, story.id, other.id)).toBe(false);
      expect((await findStoryById(ts.store.db, story.id))!.authorIds).toEqual([
        reporter.id,
        other.id,
      ]);
      expect(
        (await listStories(ts.store.db, { authorId: other.id })).map(
          (s) => s.id,
        ),
      ).toEqual([story.id]);
      expect(await removeStoryAuthor(ts.store.db, story.id, other.id)).toBe(
        true,
      );
      expect(await removeStoryAuthor(ts.store.db, story.id, other.id)).toBe(
        false,
      );
    });

    it("appends updates and compacts them without losing any, even when compactions overlap", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "x",
        initialDocument: encodeInitialStoryDocument({ headline: "x" }),
      });
      const writer = await loadStoryDoc(ts.store, story.id);
      for (let i = 0; i < 30; i++)
        await appendDocumentUpdates(ts.store, story.id, [
          paragraphUpdate(writer, `Line ${i}`),
        ]);
      expect(
        (await readDocumentUpdates(ts.store.db, story.id)).ids.length,
      ).toBe(31);
      // Two compactions and more writes at once: Yjs updates commute, and each compaction deletes only what it merged.
      await Promise.all([
        compactDocument(ts.store, story.id),
        appendDocumentUpdates(ts.store, story.id, [
          paragraphUpdate(writer, "Late line"),
        ]),
        compactDocument(ts.store, story.id),
      ]);
      const text = bodyText(readBody(await loadStoryDoc(ts.store, story.id)));
      for (let i = 0; i < 30; i++) expect(text).toContain(`Line ${i}`);
      expect(text).toContain("Late line");
      expect(text.split("Line 7").length - 1).toBe(1);
      expect(
        (await readDocumentUpdates(ts.store.db, story.id)).ids.length,
      ).toBeLessThanOrEqual(3);
    });

    it("seeds the demo newsroom once", async () => {
      const fresh = await variant.create();
      const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "uploads-"));
      try {
        const sample = fs.readFileSync(
          path.join(import.meta.dirname, "../../content/sample-article.md"),
          "utf8",
        );
        const first = await seedDemo(
          fresh.store,
          localUploadStorage(uploadDir),
          sample,
        );
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
        expect(
          (await seedDemo(fresh.store, localUploadStorage(uploadDir), sample))
            .seeded,
        ).toBe(false);
        expect(await countUsers(fresh.store.db)).toBe(4);
        expect(await listStories(fresh.store.db)).toHaveLength(1);
      } finally {
        await fresh.cleanup();
        fs.rmSync(uploadDir, { recursive: true, force: true });
      }
    });
  });
}
