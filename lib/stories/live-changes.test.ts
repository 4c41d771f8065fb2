import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { createStory, findStoryById } from "../db/story-rows";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { snapshotStory } from "../db/versions";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { liveChanges } from "./live-changes";
import { publishStory } from "./publishing";

for (const variant of storeVariants()) {
  describe(`live changes (${variant.name})`, () => {
    let ts: TestStore;
    let reporter: UserRow;
    let editor: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
    });
    afterEach(async () => ts.cleanup());

    it("says whether the story differs from its live page, and what changed since it went live", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "Bridge reopens",
        initialDocument: encodeInitialStoryDocument({
          headline: "Bridge reopens",
        }),
      });
      const doc = await loadStoryDoc(ts.store, story.id);
      await appendDocumentUpdates(ts.store, story.id, [
        paragraphUpdate(doc, "The bridge reopened."),
      ]);
      expect(await liveChanges(ts.store, reporter, story.id)).toEqual({
        live: false,
        differs: [],
        changes: null,
      });

      // As a transition does: the document is saved as a version, then published.
      const before = (await findStoryById(ts.store.db, story.id))!;
      await snapshotStory(ts.store, before, {
        name: "Publish",
        kind: "transition",
        actorId: editor.id,
      });
      await publishStory(ts.store, before, editor);
      expect(await liveChanges(ts.store, reporter, story.id)).toEqual({
        live: true,
        differs: [],
        changes: null,
      });

      await appendDocumentUpdates(ts.store, story.id, [
        paragraphUpdate(doc, "The mayor <cut> the ribbon."),
      ]);
      const changed = await liveChanges(ts.store, reporter, story.id);
      expect(changed.differs).toEqual(["text"]);
      expect(changed.changes?.body).toContain(
        "<ins>The mayor &lt;cut&gt; the ribbon.</ins>",
      );
      expect(changed.changes?.headline).not.toContain("<ins>");
    });
  });
}
