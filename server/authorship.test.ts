import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { storyWriters } from "../lib/db/story-writers";
import { storeVariants } from "../lib/db/testing";
import { storyAuthorship } from "../lib/stories/authorship";
import { appendParagraph, bodyXml, waitFor, bodyOf } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

for (const variant of storeVariants()) {
  describe(`who wrote what follows the socket's account (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        rita: ["reporter", "Rita Reporter"],
        sam: ["editor", "Sam Subeditor"],
      },
      author: "rita",
      story: {
        headline: "Harbour reopens",
        body: bodyOf("Seeded wire copy."),
      },
    });
    const writers = () => storyWriters(room.ts.store.db, room.storyId);

    it("records each socket's account for the client ids it writes under", async () => {
      const ritaClient = await room.join(room.people.rita);
      const samClient = await room.join(room.people.sam);
      appendParagraph(ritaClient.doc, "Ferries resume on Monday.");
      appendParagraph(samClient.doc, "Officials confirmed it.");
      await ritaClient.saved();
      await samClient.saved();
      await waitFor(async () => (await writers()).size === 2, "two claims");

      expect(await writers()).toEqual(
        new Map([
          [ritaClient.doc.clientID, room.people.rita.id],
          [samClient.doc.clientID, room.people.sam.id],
        ]),
      );
      const authorship = await storyAuthorship(
        room.ts.store,
        room.people.sam,
        room.storyId,
      );
      expect(authorship.people).toEqual([
        { userId: room.people.rita.id, name: "Rita Reporter", words: 4 },
        { userId: room.people.sam.id, name: "Sam Subeditor", words: 3 },
      ]);
      expect(authorship.unattributed).toBe(3);
    });

    it("keeps a forged client id's text with its first writer, and never claims earlier text", async () => {
      const ritaClient = await room.join(room.people.rita);
      appendParagraph(ritaClient.doc, "Ferries resume on Monday.");
      await ritaClient.saved();
      await waitFor(async () => (await writers()).size === 1, "Rita's claim");
      // Rita's Yjs picks a new client id once it sees its own used by someone else.
      const ritaId = ritaClient.doc.clientID;
      const seedClient = [
        ...Y.decodeStateVector(Y.encodeStateVector(ritaClient.doc)).keys(),
      ].find((id) => id !== ritaClient.doc.clientID)!;

      // Sam writes under Rita's client id (Yjs itself would pick a new one on seeing it).
      const forger = await room.join(room.people.sam);
      forger.doc.clientID = ritaId;
      appendParagraph(forger.doc, "Rita resigns today.");
      await forger.saved();
      // And under the seed's, hoping to take its text over.
      forger.doc.clientID = seedClient;
      appendParagraph(forger.doc, "Mine now.");
      await forger.saved();
      await waitFor(
        () => bodyXml(ritaClient.doc).includes("Mine now."),
        "the forged edits to reach Rita",
      );
      // An honest edit of Sam's afterwards: its claim is written with (or after) any forged one.
      const honest = await room.join(room.people.sam);
      appendParagraph(honest.doc, "Correction follows.");
      await honest.saved();
      await waitFor(async () => (await writers()).size === 2, "Sam's claim");

      expect(await writers()).toEqual(
        new Map([
          [ritaId, room.people.rita.id],
          [honest.doc.clientID, room.people.sam.id],
        ]),
      );
      const authorship = await storyAuthorship(
        room.ts.store,
        room.people.rita,
        room.storyId,
      );
      expect(
        authorship.people.find((p) => p.userId === room.people.sam.id)?.words,
      ).toBe(2);
      expect(authorship.unattributed).toBe(3 + 2);
    });
  });
}
