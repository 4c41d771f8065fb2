import { beforeEach, describe, expect, it } from "vitest";
import {
  encodeInitialStoryDocument,
  readBody,
  readSingleLine,
} from "../editor/story-document";
import { bodyText } from "../editor/render";
import {
  appendDocumentUpdates,
  compactDocument,
  loadStoryDoc,
  readDocumentUpdates,
} from "./documents";
import { listEvents } from "./events";
import { migrateToLatest } from "./migrations";
import {
  addStoryAuthor,
  createStory,
  findStoryById,
  listStories,
  removeStoryAuthor,
} from "./story-rows";
import { createTestUser, paragraphUpdate, storeVariants } from "./testing";
import { useTestDesk } from "./test-desk";
import { countUsers } from "./users";

for (const variant of storeVariants()) {
  describe(`store (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
    });

    beforeEach(async () => {
      await createTestUser(desk.store, "editor", "Ed Editor");
    });

    it("runs migrations idempotently", async () => {
      await migrateToLatest(desk.store);
      await migrateToLatest(desk.store);
      expect(await countUsers(desk.store.db)).toBe(2);
    });

    it("creates a story with its author, first document state and audit record in one go", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Storm warning",
        initialDocument: encodeInitialStoryDocument({
          headline: "Storm warning",
        }),
      });
      const again = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Storm warning",
        initialDocument: encodeInitialStoryDocument({
          headline: "Storm warning",
        }),
      });
      expect(story.slug).toBe("storm-warning");
      expect(again.slug).toMatch(/^storm-warning-[0-9a-f]{6}$/);
      const found = await findStoryById(desk.store.db, story.id);
      expect(found).toMatchObject({
        status: "draft",
        headline: "Storm warning",
        authorIds: [desk.reporter.id],
      });
      expect(
        readSingleLine(await loadStoryDoc(desk.store, story.id), "headline"),
      ).toBe("Storm warning");
      expect(
        (await listEvents(desk.store.db, story.id)).map((e) => e.kind),
      ).toEqual(["created"]);
      expect(
        (await listStories(desk.store.db, { query: "STORM" })).length,
      ).toBe(2);
      expect(
        (await listStories(desk.store.db, { query: "100%_" })).length,
      ).toBe(0);
    });

    it("adds and removes co-authors idempotently", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "x",
        initialDocument: encodeInitialStoryDocument({ headline: "x" }),
      });
      const other = await createTestUser(desk.store, "reporter");
      expect(await addStoryAuthor(desk.store.db, story.id, other.id)).toBe(
        true,
      );
      expect(await addStoryAuthor(desk.store.db, story.id, other.id)).toBe(
        false,
      );
      expect((await findStoryById(desk.store.db, story.id))!.authorIds).toEqual(
        [desk.reporter.id, other.id],
      );
      expect(
        (await listStories(desk.store.db, { authorId: other.id })).map(
          (s) => s.id,
        ),
      ).toEqual([story.id]);
      expect(await removeStoryAuthor(desk.store.db, story.id, other.id)).toBe(
        true,
      );
      expect(await removeStoryAuthor(desk.store.db, story.id, other.id)).toBe(
        false,
      );
    });

    it("appends updates and compacts them without losing any, even when compactions overlap", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "x",
        initialDocument: encodeInitialStoryDocument({ headline: "x" }),
      });
      const writer = await loadStoryDoc(desk.store, story.id);
      for (let i = 0; i < 30; i++)
        await appendDocumentUpdates(desk.store, story.id, [
          paragraphUpdate(writer, `Line ${i}`),
        ]);
      expect(
        (await readDocumentUpdates(desk.store.db, story.id)).ids.length,
      ).toBe(31);
      // Two compactions and more writes at once: Yjs updates commute, and each compaction deletes only what it merged.
      await Promise.all([
        compactDocument(desk.store, story.id),
        appendDocumentUpdates(desk.store, story.id, [
          paragraphUpdate(writer, "Late line"),
        ]),
        compactDocument(desk.store, story.id),
      ]);
      const text = bodyText(readBody(await loadStoryDoc(desk.store, story.id)));
      for (let i = 0; i < 30; i++) expect(text).toContain(`Line ${i}`);
      expect(text).toContain("Late line");
      expect(text.split("Line 7").length - 1).toBe(1);
      expect(
        (await readDocumentUpdates(desk.store.db, story.id)).ids.length,
      ).toBeLessThanOrEqual(3);
    });
  });
}
