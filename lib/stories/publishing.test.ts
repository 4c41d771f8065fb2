import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { listEvents } from "../db/events";
import { createStory, findStoryById } from "../db/story-rows";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { addByline } from "../editor/meta";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { newSuggestionId } from "../editor/suggestions/id";
import { AppError } from "../errors";
import { findArticle, listArticles } from "../site/articles";
import { publishStory, readPublishable } from "./publishing";

for (const variant of storeVariants()) {
  describe(`publishing (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    it("publishes an immutable revision rendered from the stored document", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Draft title",
        initialDocument: encodeInitialStoryDocument({
          headline: "Draft title",
        }),
      });
      const doc = await loadStoryDoc(desk.store, story.id);
      const empty = await findStoryById(desk.store.db, story.id);
      await expect(
        publishStory(desk.store, empty!, desk.editor),
      ).rejects.toThrow(AppError);
      await appendDocumentUpdates(desk.store, story.id, [
        paragraphUpdate(doc, "Rain <fell>."),
      ]);

      const first = await publishStory(
        desk.store,
        (await findStoryById(desk.store.db, story.id))!,
        desk.editor,
      );
      expect(first).toMatchObject({
        slug: "draft-title",
        headline: "Draft title",
        body_html: "<p>Rain &lt;fell&gt;.</p>",
      });
      expect(JSON.parse(first.bylines)).toEqual([
        { name: "Rita Reporter", email: desk.reporter.email },
      ]);
      const live = await findArticle(desk.store.db, "draft-title");
      expect(live?.revisionId).toBe(first.id);

      await appendDocumentUpdates(desk.store, story.id, [
        paragraphUpdate(doc, "More rain."),
      ]);
      const second = await publishStory(
        desk.store,
        (await findStoryById(desk.store.db, story.id))!,
        desk.editor,
      );
      expect(second.slug).toBe("draft-title");
      expect(second.body_html).toContain("More rain.");
      const again = await findArticle(desk.store.db, "draft-title");
      expect(again?.revisionId).toBe(second.id);
      expect(again?.publishedAt).toBe(first.published_at);
      expect(
        (await listArticles(desk.store.db, { limit: 20 })).map((a) => [
          a.storyId,
          a.updatedAt,
        ]),
      ).toEqual([[story.id, second.published_at]]);
      const events = await listEvents(desk.store.db, story.id);
      expect(events.filter((e) => e.kind === "published")).toHaveLength(2);
    });

    it("reads pending suggestions as rejected: insertions absent, deletions present", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Storm",
        initialDocument: encodeInitialStoryDocument({ headline: "Storm" }),
      });
      const doc = await loadStoryDoc(desk.store, story.id);
      const before = Y.encodeStateVector(doc);
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText("Rain fell.");
      p.insert(0, [text]);
      doc.getXmlFragment("body").insert(0, [p]);
      text.insert(5, "heavy ", {
        insertion: { id: newSuggestionId(desk.editor.id) },
      });
      text.format(0, 5, { deletion: { id: newSuggestionId(desk.editor.id) } });
      const headline = (
        doc.getXmlFragment("headline").get(0) as Y.XmlElement
      ).get(0) as Y.XmlText;
      headline.insert(5, " over", {
        insertion: { id: newSuggestionId(desk.editor.id) },
      });
      await appendDocumentUpdates(desk.store, story.id, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      const stored = await loadStoryDoc(desk.store, story.id);
      const record = (await findStoryById(desk.store.db, story.id))!;
      const publishable = await readPublishable(desk.store, record, stored);
      expect(publishable.headline).toBe("Storm");
      expect(publishable.bodyHtml).toBe("<p>Rain fell.</p>");
    });

    it("keeps the authors' own bylines when someone adds a byline to a story without any", async () => {
      const story = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Harbour reopens",
        initialDocument: encodeInitialStoryDocument({
          headline: "Harbour reopens",
        }),
      });
      const doc = await loadStoryDoc(desk.store, story.id);
      const before = Y.encodeStateVector(doc);
      paragraphUpdate(doc, "Ferries resume at six.");
      // What the details panel does: the byline, with the authors' own as they stand.
      addByline(doc, { name: "Outside Writer", email: "ow@wire.example" }, [
        { name: desk.reporter.name, email: desk.reporter.email },
      ]);
      await appendDocumentUpdates(desk.store, story.id, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      const published = await readPublishable(
        desk.store,
        (await findStoryById(desk.store.db, story.id))!,
        await loadStoryDoc(desk.store, story.id),
      );
      expect(published.bylines).toEqual([
        { name: desk.reporter.name, email: desk.reporter.email },
        { name: "Outside Writer", email: "ow@wire.example" },
      ]);
    });
  });
}
