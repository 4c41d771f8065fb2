import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { findArticle } from "../site/articles";
import { createStoryFor, transitionStory } from "./commands";
import { publishDueStories } from "./scheduler";

for (const variant of storeVariants()) {
  describe(`an update to a live story, scheduled (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let ed: UserRow;
    let storyId: string;
    const write = async (text: string) => {
      const doc = await loadStoryDoc(ts.store, storyId);
      await appendDocumentUpdates(ts.store, storyId, [
        paragraphUpdate(doc, text),
      ]);
    };
    const onSite = async () =>
      (await findArticle(ts.store.db, "bridge-reopens"))?.bodyHtml ?? "";

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      ed = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (await createStoryFor(ts.store, rita, "Bridge reopens")).id;
      await write("The bridge reopened on Monday.");
      await transitionStory(ts.store, rita, storyId, { to: "submitted" });
      await transitionStory(ts.store, ed, storyId, { to: "approved" });
      await transitionStory(ts.store, ed, storyId, { to: "published" });
    });
    afterEach(async () => ts.cleanup());

    it("goes live at its time, the page keeping the earlier version until then", async () => {
      await transitionStory(ts.store, rita, storyId, { to: "submitted" });
      await write("Tolls return in March.");
      await transitionStory(ts.store, ed, storyId, { to: "approved" });
      const at = new Date(Date.now() + 60_000);
      await transitionStory(ts.store, ed, storyId, {
        to: "published",
        at: at.toISOString(),
      });
      expect(await onSite()).toContain("The bridge reopened on Monday.");
      expect(await onSite()).not.toContain("Tolls return in March.");
      expect(
        await publishDueStories(ts.store, new Date(at.getTime() - 1000)),
      ).toEqual([]);
      expect(await publishDueStories(ts.store, at)).toEqual([storyId]);
      expect(await onSite()).toContain("Tolls return in March.");
    });
  });
}
