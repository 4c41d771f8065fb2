import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { findArticle, listArticles } from "../site/articles";
import { loadCorrectionsPage } from "../site/corrections";
import { createStoryFor, transitionStory, updateStory } from "./commands";
import { createPreviewLink, openPreview } from "./preview";

const secret = "a-secret-long-enough-for-the-app-000000";
const siteUrl = "https://herald.example";
const inHours = (h: number) =>
  new Date(Date.now() + h * 3_600_000).toISOString();

for (const variant of storeVariants()) {
  describe(`embargoes (${variant.name})`, () => {
    let ts: TestStore;
    let reporter: UserRow;
    let editor: UserRow;
    let storyId: string;

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (await createStoryFor(ts.store, reporter, "Budget leaks")).id;
      const doc = await loadStoryDoc(ts.store, storyId);
      await appendDocumentUpdates(ts.store, storyId, [
        paragraphUpdate(doc, "The budget grows by 3 percent."),
      ]);
      await transitionStory(ts.store, reporter, storyId, { to: "submitted" });
      await transitionStory(ts.store, editor, storyId, { to: "approved" });
    });
    afterEach(async () => ts.cleanup());

    it("keep a story unpublished, unscheduled before they end and unpreviewed; the desk sets and lifts them", async () => {
      const early = await createPreviewLink(ts.store, reporter, storyId, {
        secret,
        siteUrl,
      });
      const until = inHours(2);
      await expect(
        updateStory(ts.store, reporter, storyId, { embargoUntil: until }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        updateStory(ts.store, editor, storyId, { embargoUntil: inHours(-1) }),
      ).rejects.toMatchObject({ code: "validation_failed" });
      const set = await updateStory(ts.store, editor, storyId, {
        embargoUntil: until,
      });
      expect(set.embargoUntil).toBe(until);
      expect(set.history.at(-1)).toMatchObject({
        kind: "embargo-set",
        note: until,
        actor: { name: "Ed Editor" },
      });

      await expect(
        transitionStory(ts.store, editor, storyId, { to: "published" }),
      ).rejects.toMatchObject({ code: "embargoed", status: 409 });
      await expect(
        transitionStory(ts.store, editor, storyId, {
          to: "published",
          at: inHours(1),
        }),
      ).rejects.toMatchObject({ code: "embargoed" });
      await expect(
        createPreviewLink(ts.store, reporter, storyId, { secret, siteUrl }),
      ).rejects.toMatchObject({ code: "embargoed" });
      // A link made before the embargo opens nothing while it lasts.
      expect(
        await openPreview(ts.store, early.url.split("/preview/")[1]!, secret),
      ).toEqual({ kind: "invalid" });

      // A schedule at or after the embargo's end is kept; an embargo may not then outlast it.
      const at = inHours(3);
      const scheduled = await transitionStory(ts.store, editor, storyId, {
        to: "published",
        at,
      });
      expect(scheduled.scheduledAt).toBe(at);
      await expect(
        updateStory(ts.store, editor, storyId, { embargoUntil: inHours(4) }),
      ).rejects.toMatchObject({ code: "conflict" });

      const lifted = await updateStory(ts.store, editor, storyId, {
        embargoUntil: null,
      });
      expect(lifted.embargoUntil).toBeNull();
      expect(lifted.history.at(-1)?.kind).toBe("embargo-lifted");
      await transitionStory(ts.store, editor, storyId, { to: "published" });
      expect(await findArticle(ts.store.db, "budget-leaks")).toBeDefined();
      // On the site already: unpublish first.
      await expect(
        updateStory(ts.store, editor, storyId, { embargoUntil: inHours(1) }),
      ).rejects.toMatchObject({ code: "conflict" });
    });

    it("end by themselves, and leave a story off every list of the site while they last", async () => {
      await updateStory(ts.store, editor, storyId, {
        embargoUntil: inHours(1),
      });
      // The embargo passes.
      await ts.store.db
        .updateTable("stories")
        .set({ embargo_until: inHours(-0.01) })
        .where("id", "=", storyId)
        .execute();
      const published = await transitionStory(ts.store, editor, storyId, {
        to: "published",
      });
      expect(published.embargoUntil).toBeNull();
      await transitionStory(ts.store, editor, storyId, {
        to: "published",
        correction: "The budget grows by 3.2 percent.",
      });
      const ids = async () =>
        (await listArticles(ts.store.db, { limit: 50 })).map((a) => a.storyId);
      expect(await ids()).toContain(storyId);

      // Were a live story ever under an embargo, the site would show nothing of it.
      await ts.store.db
        .updateTable("stories")
        .set({ embargo_until: inHours(1) })
        .where("id", "=", storyId)
        .execute();
      expect(await findArticle(ts.store.db, "budget-leaks")).toBeUndefined();
      expect(await ids()).not.toContain(storyId);
      expect((await loadCorrectionsPage(ts.store.db, 1))?.total).toBe(0);
    });
  });
}
