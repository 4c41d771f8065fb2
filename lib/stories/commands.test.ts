import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { createTestUser, paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { newSuggestionId } from "../editor/suggestions/id";
import { AppError } from "../errors";
import { findArticle } from "../site/articles";
import { storyWithParagraph } from "./testing";
import { publishDueStories } from "./scheduler";
import { transitionStory } from "./commands";
import { storyDetails } from "./details";
import {
  listVersionViews,
  saveNamedVersion,
  versionDetails,
} from "./version-history";

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError
      ? `${error.status} ${error.message}`
      : String(error);
  }
}

for (const variant of storeVariants()) {
  describe(`workflow (${variant.name})`, () => {
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

    it("refuses approval and publication while suggestions are open, and allows them once decided", async () => {
      const doc = await loadStoryDoc(desk.store, storyId);
      const before = Y.encodeStateVector(doc);
      const body = doc.getXmlFragment("body");
      const paragraph = body.get(body.length - 1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText; // "The bridge reopened on Monday."
      text.insert(4, "old ", {
        insertion: { id: newSuggestionId(desk.editor.id) },
      });
      text.format(0, 4, { deletion: { id: newSuggestionId(desk.editor.id) } });
      await appendDocumentUpdates(desk.store, storyId, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      const refused = await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({
        status: 409,
        code: "unresolved_suggestions",
        details: { count: 2 },
      });
      expect(
        (await storyDetails(desk.store, desk.editor, storyId)).status,
      ).toBe("submitted");
      // Accept the insertion, reject the deletion: the marks go, the text stays decided.
      const decided = Y.encodeStateVector(doc);
      text.format(0, text.length, { insertion: null, deletion: null });
      await appendDocumentUpdates(desk.store, storyId, [
        Y.encodeStateAsUpdate(doc, decided),
      ]);
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      const published = await transitionStory(
        desk.store,
        desk.editor,
        storyId,
        {
          to: "published",
        },
      );
      expect(published.status).toBe("published");
      expect(
        (await findArticle(desk.store.db, "bridge-reopens"))?.bodyHtml,
      ).toContain("The old bridge reopened on Monday.");
    });

    it("runs a story through review to publication, keeping a version at each step and a full record", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      expect(
        await refusal(
          transitionStory(desk.store, desk.reporter, storyId, {
            to: "approved",
          }),
        ),
      ).toBe("403 Only editors can approve a story.");
      expect(
        await refusal(
          transitionStory(desk.store, desk.editor, storyId, { to: "draft" }),
        ),
      ).toMatch(/^422 .*note is required/);
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "draft",
        note: "Name the bridge.",
      });
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      expect(
        await refusal(
          transitionStory(desk.store, desk.editor, storyId, {
            to: "submitted",
          }),
        ),
      ).toMatch(/^409 /);
      const published = await transitionStory(
        desk.store,
        desk.editor,
        storyId,
        {
          to: "published",
        },
      );
      expect(published.status).toBe("published");
      expect(published.liveUrl).toBe("/news/bridge-reopens");

      const history = published.history.map(
        (e) => `${e.kind}:${e.from ?? ""}>${e.to ?? ""}`,
      );
      expect(history).toEqual([
        "created:>draft",
        "transition:draft>submitted",
        "transition:submitted>draft",
        "transition:draft>submitted",
        "transition:submitted>approved",
        "published:approved>published",
      ]);
      expect(published.history[2]).toMatchObject({
        note: "Name the bridge.",
        actor: { name: "Ed Editor" },
      });
      const versions = await listVersionViews(desk.store, desk.editor, storyId);
      expect(versions.map((v) => v.name)).toEqual([
        "Publish",
        "Approve",
        "Submit for review",
        "Return to reporter",
        "Submit for review",
      ]);
    });

    it("republishes with a correction and keeps later edits off the live page until then", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
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
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
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

    it("refuses a second, concurrent move from the same state", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      const results = await Promise.all([
        refusal(
          transitionStory(desk.store, desk.editor, storyId, {
            to: "approved",
            from: "submitted",
          }),
        ),
        refusal(
          transitionStory(desk.store, desk.editor, storyId, {
            to: "draft",
            note: "Redo",
            from: "submitted",
          }),
        ),
      ]);
      expect(results.filter((r) => r === "ok")).toHaveLength(1);
      expect(results.filter((r) => r.startsWith("409"))).toHaveLength(1);
    });

    it("refuses a move made on a stale view of the story", async () => {
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
        from: "submitted",
      });
      expect(
        await refusal(
          transitionStory(desk.store, desk.editor, storyId, {
            to: "draft",
            note: "Redo",
            from: "submitted",
          }),
        ),
      ).toBe(
        "409 The story is now approved, no longer awaiting review: someone moved it meanwhile.",
      );
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

    it("saves named versions and shows what changed since", async () => {
      const version = await saveNamedVersion(
        desk.store,
        desk.reporter,
        storyId,
        "First draft",
      );
      const doc = await loadStoryDoc(desk.store, storyId);
      await appendDocumentUpdates(desk.store, storyId, [
        paragraphUpdate(doc, "Tolls are <free> this week."),
      ]);
      const details = await versionDetails(
        desk.store,
        desk.editor,
        storyId,
        version.id,
      );
      expect(details).toMatchObject({
        name: "First draft",
        kind: "named",
        headline: "Bridge reopens",
        createdBy: { name: "Rita Reporter" },
      });
      expect(details.bodyHtml).toContain("The bridge reopened on Monday.");
      expect(details.bodyHtml).not.toContain("Tolls");
      expect(details.changesSince.body).toContain(
        "<ins>Tolls are &lt;free&gt; this week.</ins>",
      );
      const other = await createTestUser(desk.store, "reporter");
      expect(
        await refusal(saveNamedVersion(desk.store, other, storyId, "Not mine")),
      ).toMatch(/^403/);
      expect(
        await refusal(
          versionDetails(
            desk.store,
            desk.editor,
            storyId,
            "00000000-0000-4000-8000-000000000000",
          ),
        ),
      ).toMatch(/^404/);
    });
  });
}
