import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { listEvents } from "../db/events";
import { createStory, findStoryById } from "../db/story-rows";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { addByline } from "../editor/meta";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { newSuggestionId } from "../editor/suggestions/id";
import { AppError } from "../errors";
import { findArticle, listArticles } from "../site/articles";
import { publishStory, readPublishable } from "./publishing";

for (const variant of storeVariants()) {
  describe(`publishing (${variant.name})`, () => {
    let ts: TestStore;
    let reporter: UserRow;
    let editor: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
    });
    afterEach(async () => ts.cleanup());

    it("publishes an immutable revision rendered from the stored document", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "Draft title",
        initialDocument: encodeInitialStoryDocument({
          headline: "Draft title",
        }),
      });
      const doc = await loadStoryDoc(ts.store, story.id);
      const empty = await findStoryById(ts.store.db, story.id);
      await expect(publishStory(ts.store, empty!, editor)).rejects.toThrow(
        AppError,
      );
      await appendDocumentUpdates(ts.store, story.id, [
        paragraphUpdate(doc, "Rain <fell>."),
      ]);

      const first = await publishStory(
        ts.store,
        (await findStoryById(ts.store.db, story.id))!,
        editor,
      );
      expect(first).toMatchObject({
        slug: "draft-title",
        headline: "Draft title",
        body_html: "<p>Rain &lt;fell&gt;.</p>",
      });
      expect(JSON.parse(first.bylines)).toEqual([
        { name: "Rita Reporter", email: reporter.email },
      ]);
      const live = await findArticle(ts.store.db, "draft-title");
      expect(live?.revisionId).toBe(first.id);

      await appendDocumentUpdates(ts.store, story.id, [
        paragraphUpdate(doc, "More rain."),
      ]);
      const second = await publishStory(
        ts.store,
        (await findStoryById(ts.store.db, story.id))!,
        editor,
      );
      expect(second.slug).toBe("draft-title");
      expect(second.body_html).toContain("More rain.");
      const again = await findArticle(ts.store.db, "draft-title");
      expect(again?.revisionId).toBe(second.id);
      expect(again?.publishedAt).toBe(first.published_at);
      expect(
        (await listArticles(ts.store.db, { limit: 20 })).map((a) => [
          a.storyId,
          a.updatedAt,
        ]),
      ).toEqual([[story.id, second.published_at]]);
      const events = await listEvents(ts.store.db, story.id);
      expect(events.filter((e) => e.kind === "published")).toHaveLength(2);
    });

    it("reads pending suggestions as rejected: insertions absent, deletions present", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "Storm",
        initialDocument: encodeInitialStoryDocument({ headline: "Storm" }),
      });
      const doc = await loadStoryDoc(ts.store, story.id);
      const before = Y.encodeStateVector(doc);
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText("Rain fell.");
      p.insert(0, [text]);
      doc.getXmlFragment("body").insert(0, [p]);
      text.insert(5, "heavy ", {
        insertion: { id: newSuggestionId(editor.id) },
      });
      text.format(0, 5, { deletion: { id: newSuggestionId(editor.id) } });
      const headline = (
        doc.getXmlFragment("headline").get(0) as Y.XmlElement
      ).get(0) as Y.XmlText;
      headline.insert(5, " over", {
        insertion: { id: newSuggestionId(editor.id) },
      });
      await appendDocumentUpdates(ts.store, story.id, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      const stored = await loadStoryDoc(ts.store, story.id);
      const record = (await findStoryById(ts.store.db, story.id))!;
      const publishable = await readPublishable(ts.store, record, stored);
      expect(publishable.headline).toBe("Storm");
      expect(publishable.bodyHtml).toBe("<p>Rain fell.</p>");
    });

    it("keeps the authors' own bylines when someone adds a byline to a story without any", async () => {
      const story = await createStory(ts.store, {
        author: reporter,
        headline: "Harbour reopens",
        initialDocument: encodeInitialStoryDocument({
          headline: "Harbour reopens",
        }),
      });
      const doc = await loadStoryDoc(ts.store, story.id);
      const before = Y.encodeStateVector(doc);
      paragraphUpdate(doc, "Ferries resume at six.");
      // What the details panel does: the byline, with the authors' own as they stand.
      addByline(doc, { name: "Outside Writer", email: "ow@wire.example" }, [
        { name: reporter.name, email: reporter.email },
      ]);
      await appendDocumentUpdates(ts.store, story.id, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      const published = await readPublishable(
        ts.store,
        (await findStoryById(ts.store.db, story.id))!,
        await loadStoryDoc(ts.store, story.id),
      );
      expect(published.bylines).toEqual([
        { name: reporter.name, email: reporter.email },
        { name: "Outside Writer", email: "ow@wire.example" },
      ]);
    });
  });
}
