import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates } from "../db/documents";
import { createStory } from "../db/story-rows";
import { recordWriterClaims, storyWriters } from "../db/story-writers";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import type { UserRow } from "../db/users";
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
    let ts: TestStore;
    let rita: UserRow;
    let sam: UserRow;
    let storyId: string;
    let log: Uint8Array[];

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      sam = await createTestUser(ts.store, "reporter", "Sam Stringer");
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
        await createStory(ts.store, {
          author: rita,
          headline: "Harbour reopens",
          initialDocument: initial,
        })
      ).id;
    });
    afterEach(() => ts.cleanup());

    it("keeps a client id's first claimant, for ids past 2^31 too", async () => {
      const big = 4_294_967_295;
      await recordWriterClaims(ts.store.db, [
        { storyId, clientId: big, userId: rita.id },
        { storyId, clientId: 7, userId: sam.id },
      ]);
      await recordWriterClaims(ts.store.db, [
        { storyId, clientId: big, userId: sam.id },
        { storyId, clientId: 8, userId: sam.id },
      ]);
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([
          [big, rita.id],
          [7, sam.id],
          [8, sam.id],
        ]),
      );
    });

    it("counts words by person from the stored document, with earlier text apart", async () => {
      await writeAs(ts, storyId, log, 101, "Ferries resume on Monday.");
      await writeAs(ts, storyId, log, 202, "Officials confirmed it.");
      await writeAs(ts, storyId, log, 303, "Nobody claimed this.");
      await recordWriterClaims(ts.store.db, [
        { storyId, clientId: 101, userId: rita.id },
        { storyId, clientId: 202, userId: sam.id },
      ]);
      const authorship = await storyAuthorship(ts.store, sam, storyId);
      expect(authorship.people).toEqual([
        { userId: rita.id, name: "Rita Reporter", words: 4 },
        { userId: sam.id, name: "Sam Stringer", words: 3 },
      ]);
      expect(authorship.unattributed).toBe(4 + 3);
      expect(authorship.clients).toHaveLength(2);
    });

    it("answers not_found for a story that does not exist", async () => {
      await expect(
        storyAuthorship(ts.store, rita, "00000000-0000-4000-8000-000000000000"),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
