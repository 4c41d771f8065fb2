import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { createTestUser, paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { newSuggestionId } from "../editor/suggestions/id";
import { AppError } from "../errors";
import { findArticle } from "../site/articles";
import { refusal, storyWithParagraph } from "./testing";
import { transitionStory } from "./commands";
import { storyDetails } from "./details";
import {
  listVersionViews,
  saveNamedVersion,
  versionDetails,
} from "./version-history";

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
