import { beforeEach, describe, expect, it } from "vitest";
import { storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findArticle, listArticles } from "../site/articles";
import { loadCorrectionsPage } from "../site/corrections";
import { storyWithParagraph } from "./testing";
import { transitionStory, updateStory } from "./commands";
import { createPreviewLink, openPreview } from "./preview";

const secret = "a-secret-long-enough-for-the-app-000000";
const siteUrl = "https://herald.example";
const inHours = (h: number) =>
  new Date(Date.now() + h * 3_600_000).toISOString();

for (const variant of storeVariants()) {
  describe(`embargoes (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = await storyWithParagraph(
        desk.store,
        desk.reporter,
        "Budget leaks",
        "The budget grows by 3 percent.",
      );
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
    });

    it("keep a story unpublished, unscheduled before they end and unpreviewed; the desk sets and lifts them", async () => {
      const early = await createPreviewLink(
        desk.store,
        desk.reporter,
        storyId,
        {
          secret,
          siteUrl,
        },
      );
      const until = inHours(2);
      await expect(
        updateStory(desk.store, desk.reporter, storyId, {
          embargoUntil: until,
        }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        updateStory(desk.store, desk.editor, storyId, {
          embargoUntil: inHours(-1),
        }),
      ).rejects.toMatchObject({ code: "validation_failed" });
      const set = await updateStory(desk.store, desk.editor, storyId, {
        embargoUntil: until,
      });
      expect(set.embargoUntil).toBe(until);
      expect(set.history.at(-1)).toMatchObject({
        kind: "embargo-set",
        note: until,
        actor: { name: "Ed Editor" },
      });

      await expect(
        transitionStory(desk.store, desk.editor, storyId, { to: "published" }),
      ).rejects.toMatchObject({ code: "embargoed", status: 409 });
      await expect(
        transitionStory(desk.store, desk.editor, storyId, {
          to: "published",
          at: inHours(1),
        }),
      ).rejects.toMatchObject({ code: "embargoed" });
      await expect(
        createPreviewLink(desk.store, desk.reporter, storyId, {
          secret,
          siteUrl,
        }),
      ).rejects.toMatchObject({ code: "embargoed" });
      // A link made before the embargo opens nothing while it lasts.
      expect(
        await openPreview(desk.store, early.url.split("/preview/")[1]!, secret),
      ).toEqual({ kind: "invalid" });

      // A schedule at or after the embargo's end is kept; an embargo may not then outlast it.
      const at = inHours(3);
      const scheduled = await transitionStory(
        desk.store,
        desk.editor,
        storyId,
        {
          to: "published",
          at,
        },
      );
      expect(scheduled.scheduledAt).toBe(at);
      await expect(
        updateStory(desk.store, desk.editor, storyId, {
          embargoUntil: inHours(4),
        }),
      ).rejects.toMatchObject({ code: "conflict" });

      const lifted = await updateStory(desk.store, desk.editor, storyId, {
        embargoUntil: null,
      });
      expect(lifted.embargoUntil).toBeNull();
      expect(lifted.history.at(-1)?.kind).toBe("embargo-lifted");
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      expect(await findArticle(desk.store.db, "budget-leaks")).toBeDefined();
      // On the site already: unpublish first.
      await expect(
        updateStory(desk.store, desk.editor, storyId, {
          embargoUntil: inHours(1),
        }),
      ).rejects.toMatchObject({ code: "conflict" });
    });

    it("end by themselves, and leave a story off every list of the site while they last", async () => {
      await updateStory(desk.store, desk.editor, storyId, {
        embargoUntil: inHours(1),
      });
      // The embargo passes.
      await desk.store.db
        .updateTable("stories")
        .set({ embargo_until: inHours(-0.01) })
        .where("id", "=", storyId)
        .execute();
      const published = await transitionStory(
        desk.store,
        desk.editor,
        storyId,
        {
          to: "published",
        },
      );
      expect(published.embargoUntil).toBeNull();
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
        correction: "The budget grows by 3.2 percent.",
      });
      const ids = async () =>
        (await listArticles(desk.store.db, { limit: 50 })).map(
          (a) => a.storyId,
        );
      expect(await ids()).toContain(storyId);

      // Were a live story ever under an embargo, the site would show nothing of it.
      await desk.store.db
        .updateTable("stories")
        .set({ embargo_until: inHours(1) })
        .where("id", "=", storyId)
        .execute();
      expect(await findArticle(desk.store.db, "budget-leaks")).toBeUndefined();
      expect(await ids()).not.toContain(storyId);
      expect((await loadCorrectionsPage(desk.store.db, 1))?.total).toBe(0);
    });
  });
}
