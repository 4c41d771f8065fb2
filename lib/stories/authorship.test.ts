import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates } from "../db/documents";
import { createStory } from "../db/story-rows";
import { recordWriterClaims, storyWriters } from "../db/story-writers";
import { storeVariants, type TestStore } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { Y_BODY } from "../editor/names";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { storyAuthorship } from "./authorship";

/** Appends a paragraph to the stored story, written as Yjs client `client`. */
async function writeAs(
  ts: TestStore,
  storyId: string,
  base: Uint8Array[],
  client: number,
  text: string,
): Promise<void> {
  const doc = new Y.Doc();
  doc.clientID = client;
  for (const update of base) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(Y_BODY).push([paragraph]);
  const update = Y.encodeStateAsUpdate(doc, before);
  base.push(update);
  await appendDocumentUpdates(ts.store, storyId, [update]);
}

for (const variant of storeVariants()) {
  describe(`who wrote what (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      sam: ["reporter", "Sam Stringer"],
    });

    let storyId: string;
    let log: Uint8Array[];

    beforeEach(async () => {
      const initial = encodeInitialStoryDocument({
        headline: "Harbour reopens",
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "Wire copy from earlier." }],
            },
          ],
        },
      });
      log = [initial];
      storyId = (
        await createStory(desk.store, {
          author: desk.rita,
          headline: "Harbour reopens",
          initialDocument: initial,
        })
      ).id;
    });

    it("keeps a client id's first claimant, for ids past 2^31 too", async () => {
      const big = 4_294_967_295;
      await recordWriterClaims(desk.store.db, [
        { storyId, clientId: big, userId: desk.rita.id },
        { storyId, clientId: 7, userId: desk.sam.id },
      ]);
      await recordWriterClaims(desk.store.db, [
        { storyId, clientId: big, userId: desk.sam.id },
        { storyId, clientId: 8, userId: desk.sam.id },
      ]);
      expect(await storyWriters(desk.store.db, storyId)).toEqual(
        new Map([
          [big, desk.rita.id],
          [7, desk.sam.id],
          [8, desk.sam.id],
        ]),
      );
    });

    it("counts words by person from the stored document, with earlier text apart", async () => {
      await writeAs(desk.ts, storyId, log, 101, "Ferries resume on Monday.");
      await writeAs(desk.ts, storyId, log, 202, "Officials confirmed it.");
      await writeAs(desk.ts, storyId, log, 303, "Nobody claimed this.");
      await recordWriterClaims(desk.store.db, [
        { storyId, clientId: 101, userId: desk.rita.id },
        { storyId, clientId: 202, userId: desk.sam.id },
      ]);
      const authorship = await storyAuthorship(desk.store, desk.sam, storyId);
      expect(authorship.people).toEqual([
        { userId: desk.rita.id, name: "Rita Reporter", words: 4 },
        { userId: desk.sam.id, name: "Sam Stringer", words: 3 },
      ]);
      expect(authorship.unattributed).toBe(4 + 3);
      expect(authorship.clients).toHaveLength(2);
    });

    it("answers not_found for a story that does not exist", async () => {
      await expect(
        storyAuthorship(
          desk.store,
          desk.rita,
          "00000000-0000-4000-8000-000000000000",
        ),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
