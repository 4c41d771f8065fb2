import { beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findArticle } from "../site/articles";
import { createStoryFor, transitionStory } from "./commands";
import { publishDueStories } from "./scheduler";
import { publishThroughDesk } from "./testing";

for (const variant of storeVariants()) {
  describe(`an update to a live story, scheduled (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      ed: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.rita, "Bridge reopens"))
        .id;
      await write("The bridge reopened on Monday.");
      await publishThroughDesk(desk.store, desk.rita, desk.ed, storyId);
    });
    const write = async (text: string) => {
      const doc = await loadStoryDoc(desk.store, storyId);
      await appendDocumentUpdates(desk.store, storyId, [
        paragraphUpdate(doc, text),
      ]);
    };
    const onSite = async () =>
      (await findArticle(desk.store.db, "bridge-reopens"))?.bodyHtml ?? "";

    it("goes live at its time, the page keeping the earlier version until then", async () => {
      await transitionStory(desk.store, desk.rita, storyId, {
        to: "submitted",
      });
      await write("Tolls return in March.");
      await transitionStory(desk.store, desk.ed, storyId, { to: "approved" });
      const at = new Date(Date.now() + 60_000);
      await transitionStory(desk.store, desk.ed, storyId, {
        to: "published",
        at: at.toISOString(),
      });
      expect(await onSite()).toContain("The bridge reopened on Monday.");
      expect(await onSite()).not.toContain("Tolls return in March.");
      expect(
        await publishDueStories(desk.store, new Date(at.getTime() - 1000)),
      ).toEqual([]);
      expect(await publishDueStories(desk.store, at)).toEqual([storyId]);
      expect(await onSite()).toContain("Tolls return in March.");
    });
  });
}
