import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storyWriters } from "../lib/db/story-writers";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { storyAuthorship } from "../lib/stories/authorship";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

for (const variant of storeVariants()) {
  describe(`who wrote what follows the socket's account (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let rita: UserRow;
    let sam: UserRow;
    let storyId: string;
    const clients: TestClient[] = [];
    const connect = async (user: UserRow) => {
      const client = connectClient(
        server.url,
        storyId,
        await tokenFor(user, storyId),
        { acks: true },
      );
      clients.push(client);
      await client.synced();
      return client;
    };
    const writers = () => storyWriters(ts.store.db, storyId);

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      sam = await createTestUser(ts.store, "editor", "Sam Subeditor");
      storyId = (
        await createTestStory(ts.store, rita, {
          headline: "Harbour reopens",
          body: {
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [{ type: "text", text: "Seeded wire copy." }],
              },
            ],
          },
        })
      ).id;
      server = await startTestServer(ts.store);
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) {
        // The provider's awareness keeps the id the doc had first; it must find it on leaving.
        c.doc.clientID = c.provider.awareness.clientID;
        c.destroy();
      }
      await server.close();
      await ts.cleanup();
    });

    it("records each socket's account for the client ids it writes under", async () => {
      const ritaClient = await connect(rita);
      const samClient = await connect(sam);
      appendParagraph(ritaClient.doc, "Ferries resume on Monday.");
      appendParagraph(samClient.doc, "Officials confirmed it.");
      await ritaClient.saved();
      await samClient.saved();
      await waitFor(async () => (await writers()).size === 2, "two claims");

      expect(await writers()).toEqual(
        new Map([
          [ritaClient.doc.clientID, rita.id],
          [samClient.doc.clientID, sam.id],
        ]),
      );
      const authorship = await storyAuthorship(ts.store, sam, storyId);
      expect(authorship.people).toEqual([
        { userId: rita.id, name: "Rita Reporter", words: 4 },
        { userId: sam.id, name: "Sam Subeditor", words: 3 },
      ]);
      expect(authorship.unattributed).toBe(3);
    });

    it("keeps a forged client id's text with its first writer, and never claims earlier text", async () => {
      const ritaClient = await connect(rita);
      appendParagraph(ritaClient.doc, "Ferries resume on Monday.");
      await ritaClient.saved();
      await waitFor(async () => (await writers()).size === 1, "Rita's claim");
      // Rita's Yjs picks a new client id once it sees its own used by someone else.
      const ritaId = ritaClient.doc.clientID;
      const seedClient = [
        ...Y.decodeStateVector(Y.encodeStateVector(ritaClient.doc)).keys(),
      ].find((id) => id !== ritaClient.doc.clientID)!;

      // Sam writes under Rita's client id (Yjs itself would pick a new one on seeing it).
      const forger = await connect(sam);
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
      const honest = await connect(sam);
      appendParagraph(honest.doc, "Correction follows.");
      await honest.saved();
      await waitFor(async () => (await writers()).size === 2, "Sam's claim");

      expect(await writers()).toEqual(
        new Map([
          [ritaId, rita.id],
          [honest.doc.clientID, sam.id],
        ]),
      );
      const authorship = await storyAuthorship(ts.store, rita, storyId);
      expect(authorship.people.find((p) => p.userId === sam.id)?.words).toBe(2);
      expect(authorship.unattributed).toBe(3 + 2);
    });
  });
}
