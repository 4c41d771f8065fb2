import { describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { createStory, findStoryById } from "../db/story-rows";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { snapshotStory } from "../db/versions";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { liveChanges } from "./live-changes";
import { publishStory } from "./publishing";

for (const variant of storeVariants()) {
  describe(`live changes (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    it("says whether the story differs from its live page, and what changed since it went live", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Bridge reopens",
        initialDocument: encodeInitialStoryDocument({
          headline: "Bridge reopens",
        }),
      });
      const doc = await loadStoryDoc(desk.store, story.id);
      await appendDocumentUpdates(desk.store, story.id, [
        paragraphUpdate(doc, "The bridge reopened."),
      ]);
      expect(await liveChanges(desk.store, desk.reporter, story.id)).toEqual({
        live: false,
        differs: [],
        changes: null,
      });

      // As a transition does: the document is saved as a version, then published.
      const before = (await findStoryById(desk.store.db, story.id))!;
      await snapshotStory(desk.store, before, {
        name: "Publish",
        kind: "transition",
        actorId: desk.editor.id,
      });
      await publishStory(desk.store, before, desk.editor);
      expect(await liveChanges(desk.store, desk.reporter, story.id)).toEqual({
        live: true,
        differs: [],
        changes: null,
      });

      await appendDocumentUpdates(desk.store, story.id, [
        paragraphUpdate(doc, "The mayor <cut> the ribbon."),
      ]);
      const changed = await liveChanges(desk.store, desk.reporter, story.id);
      expect(changed.differs).toEqual(["text"]);
      expect(changed.changes?.body).toContain(
        "<ins>The mayor &lt;cut&gt; the ribbon.</ins>",
      );
      expect(changed.changes?.headline).not.toContain("<ins>");
    });
  });
}
