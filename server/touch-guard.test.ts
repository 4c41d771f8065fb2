import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadStoryDoc } from "../lib/db/documents";
import { findStoryById } from "../lib/db/story-rows";
import {
  createSqliteTestStore,
  createTestUser,
  type TestStore,
} from "../lib/db/testing";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  type TestClient,
} from "./testing/harness";

// The headline reader fails on one headline: no reader is known to fail today, but saving the
// derived fields must never fail the room whatever a future reader does.
vi.mock("../lib/editor/story-document", async (importOriginal) => {
  const actual =
    await importOriginal<typeof import("../lib/editor/story-document")>();
  return {
    ...actual,
    readSingleLine: (...args: Parameters<typeof actual.readSingleLine>) => {
      const line = actual.readSingleLine(...args);
      if (line.includes("Boom")) throw new Error("the reader failed");
      return line;
    },
  };
});

describe("saving a story's derived fields", () => {
  let ts: TestStore;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];

  beforeEach(async () => {
    ts = await createSqliteTestStore();
    server = await startTestServer(ts.store);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    await ts.cleanup();
  });

  it("never fails the room: when they cannot be read, the edits are stored without them", async () => {
    const reporter = await createTestUser(
      ts.store,
      "reporter",
      "Rita Reporter",
    );
    const { id: storyId } = await createTestStory(ts.store, reporter, {
      headline: "Flood warning",
    });
    const open = async () => {
      const client = connectClient(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      clients.push(client);
      await client.synced();
      return client;
    };
    const a = await open();
    const b = await open();
    const headlineText = (doc: Y.Doc) =>
      (doc.getXmlFragment("headline").get(0) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;

    headlineText(a.doc).insert(0, "Boom: ");
    appendParagraph(a.doc, "Rain fell all night.");
    await a.saved();
    // A colleague's edit in the same seconds is stored too.
    appendParagraph(b.doc, "Rivers rose by noon.");
    await b.saved();
    const stored = await loadStoryDoc(ts.store, storyId);
    expect(bodyXml(stored)).toContain("Rain fell all night.");
    expect(bodyXml(stored)).toContain("Rivers rose by noon.");
    expect(stored.getXmlFragment("headline").toString()).toContain("Boom: ");
    const story = (await findStoryById(ts.store.db, storyId))!;
    expect(story.headline).toBe("Flood warning");
    expect(story.word_count).toBe(8);

    // The next readable change refreshes them.
    headlineText(a.doc).delete(0, "Boom: ".length);
    headlineText(a.doc).insert(0, "Update: ");
    await a.saved();
    expect((await findStoryById(ts.store.db, storyId))!.headline).toBe(
      "Update: Flood warning",
    );
    expect(server.registry.size).toBe(1);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });
});
