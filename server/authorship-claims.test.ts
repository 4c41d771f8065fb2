import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStory } from "../lib/db/story-rows";
import { storyWriters } from "../lib/db/story-writers";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { Y_BODY } from "../lib/editor/names";
import { RoomWriters, WriterClaimLog } from "./authorship";

/** An update adding a paragraph, made by Yjs client `client` on top of `base`. */
function paragraphBy(base: Y.Doc, client: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  // Set after syncing: Yjs picks a new id when it sees its own in what it receives.
  doc.clientID = client;
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(Y_BODY).push([p]);
  return Y.encodeStateAsUpdate(doc, before);
}

for (const variant of storeVariants()) {
  describe(`the client-id claim rule (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let sam: UserRow;
    let storyId: string;
    let log: WriterClaimLog;
    let room: Y.Doc;

    /** Applies `update` as the room does a socket's, written by `user`. */
    const write = (user: UserRow, update: Uint8Array) =>
      Y.applyUpdate(room, update, { userId: user.id });

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      sam = await createTestUser(ts.store, "reporter", "Sam Stringer");
      storyId = (
        await createStory(ts.store, {
          author: rita,
          headline: "Harbour",
          initialDocument: new Uint8Array([0, 0]),
        })
      ).id;
      log = new WriterClaimLog(ts.store, 5);
      const writers = new RoomWriters(storyId, log);
      room = new Y.Doc();
      room.on(
        "update",
        (
          update: Uint8Array,
          origin: { userId?: string } | null,
          _doc: Y.Doc,
          transaction: Y.Transaction,
        ) => {
          if (origin?.userId)
            writers.applied(update, transaction, origin.userId);
        },
      );
    });
    afterEach(async () => {
      await log.close();
      room.destroy();
      await ts.cleanup();
    });

    it("claims a new client id once, for the socket's account", async () => {
      write(rita, paragraphBy(room, 11, "One"));
      write(rita, paragraphBy(room, 11, "Two"));
      await log.flush();
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([[11, rita.id]]),
      );
    });

    it("keeps the first claimant when another account writes under the id", async () => {
      write(rita, paragraphBy(room, 11, "Rita's words"));
      write(sam, paragraphBy(room, 11, "Sam under Rita's id"));
      await log.close();
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([[11, rita.id]]),
      );
    });

    it("never claims an id that held text before anyone wrote under it here", async () => {
      // Loaded content (the seed, or text claimed before a restart) is applied without a writer.
      Y.applyUpdate(room, paragraphBy(room, 22, "Wire copy"));
      write(sam, paragraphBy(room, 22, "Sam under the seed's id"));
      write(sam, paragraphBy(room, 33, "Sam's own"));
      await log.flush();
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([[33, sam.id]]),
      );
    });

    it("claims every new id an update brings (a resent edit counts as its sender's)", async () => {
      const other = new Y.Doc();
      Y.applyUpdate(other, paragraphBy(other, 44, "a"));
      Y.applyUpdate(other, paragraphBy(other, 55, "b"));
      write(rita, Y.encodeStateAsUpdate(other));
      await log.flush();
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([
          [44, rita.id],
          [55, rita.id],
        ]),
      );
    });

    it("writes a story's claims even when another story's write fails", async () => {
      log.claim({
        storyId: "00000000-0000-4000-8000-000000000000",
        clientId: 1,
        userId: rita.id,
      });
      write(rita, paragraphBy(room, 66, "Still recorded"));
      await log.flush();
      expect(await storyWriters(ts.store.db, storyId)).toEqual(
        new Map([[66, rita.id]]),
      );
    });

    it("writes the claims of many stories begun at once, past one insert's worth, around a story that fails", async () => {
      const others = [];
      for (const headline of ["Ferry", "Council"])
        others.push(
          (
            await createStory(ts.store, {
              author: sam,
              headline,
              initialDocument: new Uint8Array([0, 0]),
            })
          ).id,
        );
      const stories = [storyId, ...others];
      const expected = stories.map(() => new Map<number, string>());
      for (let clientId = 1; clientId <= 1500; clientId++) {
        const userId = clientId % 2 ? rita.id : sam.id;
        log.claim({ storyId: stories[clientId % 3]!, clientId, userId });
        expected[clientId % 3]!.set(clientId, userId);
        if (clientId === 1200)
          log.claim({
            storyId: "00000000-0000-4000-8000-000000000000",
            clientId,
            userId: rita.id,
          });
      }
      await log.flush();
      for (const [i, id] of stories.entries())
        expect(await storyWriters(ts.store.db, id)).toEqual(expected[i]);
    });
  });
}
