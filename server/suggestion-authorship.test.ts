import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { newSuggestionId } from "../lib/editor/suggestions/id";
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

/** The XmlText of the body's last paragraph. */
function lastText(doc: Y.Doc): Y.XmlText {
  const body = doc.getXmlFragment("body");
  return (body.get(body.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
}

for (const variant of storeVariants()) {
  describe(`suggestions are made in the socket's own name (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let reporter: UserRow;
    let editor: UserRow;
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

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (
        await createTestStory(ts.store, reporter, { headline: "Flood warning" })
      ).id;
      server = await startTestServer(ts.store);
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
      await ts.cleanup();
    });

    it("relays and stores one's own suggestion, and closes a socket claiming someone else's with 4422", async () => {
      const rita = await connect(reporter);
      const ed = await connect(editor);
      appendParagraph(rita.doc, "The river rose.");
      await rita.saved();

      const own = newSuggestionId(editor.id);
      lastText(ed.doc).insert(4, "brown ", { insertion: { id: own } });
      await ed.saved();
      await waitFor(
        () => bodyXml(rita.doc).includes("brown"),
        "the suggestion to reach Rita",
      );
      expect(lastText(rita.doc).toDelta()).toContainEqual({
        insert: "brown ",
        attributes: { insertion: { id: own } },
      });

      // Rita's socket claims a new suggestion by Ed: refused, nothing of it kept.
      lastText(rita.doc).format(0, 3, {
        deletion: { id: newSuggestionId(editor.id) },
      });
      const closed = await rita.closed();
      expect(closed.code).toBe(CloseCode.offSchema);
      expect(closed.reason).toContain("another user");

      await server.registry.flushAll();
      const stored = await loadStoryDoc(ts.store, storyId);
      const delta = lastText(stored).toDelta() as Array<{
        attributes?: Record<string, unknown>;
      }>;
      expect(delta.some((d) => d.attributes?.deletion)).toBe(false);
      expect(delta.some((d) => d.attributes?.insertion)).toBe(true);
    });
  });
}
