import { beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findArticle } from "../site/articles";
import { refusal, storyWithParagraph, publishThroughDesk } from "./testing";
import { publishDueStories } from "./scheduler";
import { transitionStory } from "./commands";
import { storyDetails } from "./details";

for (const variant of storeVariants()) {
  describe(`the live page through the workflow (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = await storyWithParagraph(
        desk.store,
        desk.reporter,
        "Bridge reopens",
        "The bridge reopened on Monday.",
      );
    });

    it("republishes with a correction and keeps later edits off the live page until then", async () => {
      await publishThroughDesk(desk.store, desk.reporter, desk.editor, storyId);
      const doc = await loadStoryDoc(desk.store, storyId);
      await appendDocumentUpdates(desk.store, storyId, [
        paragraphUpdate(doc, "Traffic is heavy."),
      ]);
      expect(
        (await findArticle(desk.store.db, "bridge-reopens"))?.bodyHtml,
      ).not.toContain("Traffic");
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
        correction: "An earlier version misstated the day.",
      });
      const live = await findArticle(desk.store.db, "bridge-reopens");
      expect(live?.bodyHtml).toContain("Traffic is heavy.");
      expect(live?.corrections).toMatchObject([
        { kind: "correction", text: "An earlier version misstated the day." },
      ]);
    });

    it("keeps every correction and clarification, newest first, and refuses one on a first publication", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      await expect(
        transitionStory(desk.store, desk.editor, storyId, {
          to: "published",
          correction: "Nothing was wrong yet.",
        }),
      ).rejects.toMatchObject({ code: "validation_failed" });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
        correction: "An earlier version misstated the day.",
      });
      // Republishing without a note keeps the earlier ones.
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      const details = await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
        correction: "The bridge is owned by the city, not the state.",
        correctionKind: "clarification",
      });
      expect(
        details.corrections.map((c) => [c.kind, c.text, c.by?.name]),
      ).toEqual([
        [
          "clarification",
          "The bridge is owned by the city, not the state.",
          desk.editor.name,
        ],
        [
          "correction",
          "An earlier version misstated the day.",
          desk.editor.name,
        ],
      ]);
      expect(details.history.at(-1)?.note).toBe(
        "Clarification: The bridge is owned by the city, not the state.",
      );
      const live = await findArticle(desk.store.db, "bridge-reopens");
      expect(live?.corrections.map((c) => [c.label, c.text])).toEqual([
        ["Clarification", "The bridge is owned by the city, not the state."],
        ["Correction", "An earlier version misstated the day."],
      ]);
      expect(live!.corrections[0]!.at >= live!.corrections[1]!.at).toBe(true);
    });

    it("keeps the live page while a published story is worked on, until it is unpublished", async () => {
      const onSite = async () =>
        (await findArticle(desk.store.db, "bridge-reopens"))?.bodyHtml ?? null;
      await publishThroughDesk(desk.store, desk.reporter, desk.editor, storyId);
      // Live means "has a live revision", whatever the story's status now.
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "draft",
      });
      expect(await onSite()).toContain("The bridge reopened on Monday.");
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      expect(await onSite()).toContain("The bridge reopened on Monday.");
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "unpublished",
      });
      expect(await onSite()).toBeNull();
    });

    it("publishes a scheduled story at its time, once, even with two schedulers", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      expect(
        await refusal(
          transitionStory(desk.store, desk.reporter, storyId, {
            to: "published",
            at: new Date(Date.now() + 60_000).toISOString(),
          }),
        ),
      ).toMatch(/^403/);
      const at = new Date(Date.now() + 60_000);
      const scheduled = await transitionStory(
        desk.store,
        desk.editor,
        storyId,
        {
          to: "published",
          at: at.toISOString(),
        },
      );
      expect(scheduled.status).toBe("approved");
      expect(
        await publishDueStories(desk.store, new Date(at.getTime() - 1000)),
      ).toEqual([]);

      // A second process's store: on SQLite a second handle in this same process would only
      // deadlock the synchronous driver, so both schedulers share one (Kysely serialises them).
      const other =
        variant.name === "postgres" ? await desk.ts.reopen() : desk.store;
      const [a, b] = await Promise.all([
        publishDueStories(desk.store, at),
        publishDueStories(other, at),
      ]);
      expect([...a, ...b]).toEqual([storyId]);
      const details = await storyDetails(desk.store, desk.editor, storyId);
      expect(details.status).toBe("published");
      expect(
        details.history.filter((e) => e.kind === "published"),
      ).toHaveLength(1);
      expect(details.history.at(-1)).toMatchObject({
        kind: "published",
        actor: { name: "Ed Editor" },
      });
    });

    it("reopening an approved story cancels its schedule", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      const at = new Date(Date.now() + 60_000);
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
        at: at.toISOString(),
      });
      await transitionStory(desk.store, desk.editor, storyId, { to: "draft" });
      expect(
        await publishDueStories(desk.store, new Date(at.getTime() + 1000)),
      ).toEqual([]);
      expect(
        (await storyDetails(desk.store, desk.editor, storyId)).status,
      ).toBe("draft");
    });
  });
}
