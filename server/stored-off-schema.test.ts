import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../lib/db/documents";
import { findStoryById } from "../lib/db/story-rows";
import { storeVariants } from "../lib/db/testing";
import { checkStoryDocument } from "../lib/editor/document-check";
import { readSingleLine } from "../lib/editor/story-document";
import { disallowedHtml } from "../lib/editor/story-invariants";
import { findArticle } from "../lib/site/articles";
import { publishStory } from "../lib/stories/publishing";
import {
  restoreVersion,
  saveNamedVersion,
  versionDetails,
} from "../lib/stories/version-history";
import {
  appendParagraph,
  bodyXml,
  TEST_SECRET,
  bodyOf,
} from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

/**
 * Off-schema content written straight to the store (as before the server checked updates): a
 * figure whose credit is an array (the renderer once made it a live <script>), bare text under
 * the body and in the headline, an unknown top-level name.
 */
function hostileUpdate(doc: Y.Doc): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const body = doc.getXmlFragment("body");
  const figure = new Y.XmlElement("figure");
  figure.setAttribute("src", "/uploads/0123456789abcdef0123456789abcdef.jpg");
  figure.setAttribute("credit", [
    "script",
    {},
    "alert(1)",
  ] as unknown as string);
  body.insert(body.length, [figure, new Y.XmlText("HOSTILE body text")]);
  doc.getXmlFragment("headline").insert(0, [new Y.XmlText("HOSTILE title")]);
  doc.getMap("evil").set("x", "<script>alert(2)</script>");
  return Y.encodeStateAsUpdate(doc, before);
}

for (const variant of storeVariants()) {
  describe(`a story stored with off-schema content (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        editor: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: {
        headline: "Flood warning",
        body: bodyOf("Rain fell all night."),
      },
      beforeStart: async ({ ts, storyId }) => {
        const doc = await loadStoryDoc(ts.store, storyId);
        await appendDocumentUpdates(ts.store, storyId, [hostileUpdate(doc)]);
        expect(
          checkStoryDocument(await loadStoryDoc(ts.store, storyId)),
        ).not.toEqual([]);
      },
    });

    it("versions, shows and publishes it, with markup only from valid values", async () => {
      const version = await saveNamedVersion(
        room.ts.store,
        room.people.reporter,
        room.storyId,
        "Hostile",
      );
      const details = await versionDetails(
        room.ts.store,
        room.people.editor,
        room.storyId,
        version.id,
      );
      expect(details.headline).toBe("Flood warning");
      expect(details.bodyHtml).toContain("Rain fell all night.");
      expect(disallowedHtml(details.bodyHtml)).toEqual([]);
      expect(JSON.stringify(details)).not.toMatch(/<script|HOSTILE|alert/);

      const revision = await publishStory(
        room.ts.store,
        (await findStoryById(room.ts.store.db, room.storyId))!,
        room.people.editor,
      );
      expect(revision.headline).toBe("Flood warning");
      expect(disallowedHtml(revision.body_html)).toEqual([]);
      expect(revision.body_html).not.toMatch(/script|HOSTILE|alert/);
      const article = await findArticle(room.ts.store.db, revision.slug);
      expect(article?.revisionId).toBe(revision.id);

      // Restoring the off-schema version goes through the server's check like any edit.
      await restoreVersion(
        room.ts.store,
        room.people.editor,
        room.storyId,
        version.id,
        {
          url: room.server.url,
          secret: TEST_SECRET,
        },
      );
      const restored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(checkStoryDocument(restored)).toEqual([]);
      expect(readSingleLine(restored, "headline")).toBe("Flood warning");
    });

    it("opens through the server repaired, stores the repair once, and keeps its valid content editable", async () => {
      const a = await room.join(room.people.reporter);
      expect(checkStoryDocument(a.doc)).toEqual([]);
      expect(readSingleLine(a.doc, "headline")).toBe("Flood warning");
      expect(bodyXml(a.doc)).toContain("Rain fell all night.");
      // The figure stays, with empty fields; its credit attribute of the wrong type goes.
      expect(bodyXml(a.doc)).not.toMatch(/HOSTILE|credit=|script/);
      expect(bodyXml(a.doc)).toContain("<figurecredit></figurecredit>");
      expect(room.server.metrics.repairedDocuments.get()).toBe(1);

      appendParagraph(a.doc, "Rivers rose by noon.");
      await a.saved();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(checkStoryDocument(stored)).toEqual([]);
      expect(bodyXml(stored)).toContain("Rivers rose by noon.");
      expect(stored.share.has("evil") && stored.getMap("evil").size).toBe(0);

      // Loaded again by another server, the story needs no repair.
      a.destroy();
      await room.restart();
      const b = await room.join(room.people.editor);
      expect(bodyXml(b.doc)).toContain("Rivers rose by noon.");
      expect(room.server.metrics.repairedDocuments.get()).toBe(0);
    });
  });
}
