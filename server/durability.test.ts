import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  appendDocumentUpdates,
  countDocumentUpdates,
  loadStoryDoc,
} from "../lib/db/documents";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { readSingleLine } from "../lib/editor/story-document";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  numberedBody,
  occurrences,
  paragraphTexts,
  slowPersistence,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

for (const variant of storeVariants()) {
  describe(`durable, acknowledged saves (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
    let reporter: UserRow;
    let colleague: UserRow;
    const clients: TestClient[] = [];
    const connect = (...args: Parameters<typeof connectClient>) => {
      const client = connectClient(...args);
      clients.push(client);
      return client;
    };
    /** The body each client showed when it first reported `synced`. */
    const firstSync = (client: TestClient): Promise<string[]> =>
      client.synced().then(() => paragraphTexts(client.doc));

    /** Starts the server with every commit held until `release()` is called. */
    const startWithCommitsHeld = async (
      overrides: Parameters<typeof startTestServer>[1] = {},
    ) => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const started = await startTestServer(
        ts.store,
        overrides,
        slowPersistence(ts.store, { gate: () => gate }),
      );
      server = started;
      return { server: started, release };
    };

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      colleague = await createTestUser(ts.store, "editor", "Ed Editor");
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server?.close();
      server = null;
      await ts.cleanup();
    });

    it("never shows a client an empty or truncated story, even with a slow store", async () => {
      const story = await createTestStory(ts.store, reporter, {
        headline: "Slow store",
        body: numberedBody(20),
      });
      const persistence = slowPersistence(ts.store, {
        loadDelayMs: 300,
        appendDelayMs: 40,
      });
      server = await startTestServer(ts.store, {}, persistence);
      const expected = numberedBody(20).content.map((p) => p.content[0]!.text);

      // Ten people open the story while it is still loading.
      const openers = await Promise.all(
        Array.from({ length: 10 }, async () =>
          connect(server!.url, story.id, await tokenFor(colleague, story.id)),
        ),
      );
      const seen = await Promise.all(openers.map(firstSync));
      for (const body of seen) expect(body).toEqual(expected);
      expect(persistence.loads).toBe(1);

      // Someone types while commits are slow; whoever opens the story meanwhile sees at least
      // everything that was acknowledged before they connected.
      const writer = connect(
        server.url,
        story.id,
        await tokenFor(reporter, story.id),
        { acks: true },
      );
      await writer.synced();
      const acknowledged: string[] = [];
      let typing = true;
      const typist = (async () => {
        for (let i = 0; typing; i++) {
          appendParagraph(writer.doc, `Typed ${i}.`);
          await writer.saved();
          acknowledged.push(`Typed ${i}.`);
        }
      })();
      const checks: Array<Promise<void>> = [];
      for (let n = 0; n < 6; n++) {
        await waitFor(() => acknowledged.length > n * 2, "more typing");
        const before = [...acknowledged];
        const newcomer = connect(
          server.url,
          story.id,
          await tokenFor(colleague, story.id),
        );
        checks.push(
          firstSync(newcomer).then((body) => {
            expect(body.slice(0, 20)).toEqual(expected);
            for (const line of before) expect(body).toContain(line);
          }),
        );
      }
      await Promise.all(checks);
      typing = false;
      await typist;
    });

    it("initialises a new story exactly once when ten people open it at the same moment", async () => {
      const story = await createTestStory(ts.store, reporter, {
        headline: "Brand new",
        body: numberedBody(3),
      });
      server = await startTestServer(
        ts.store,
        {},
        slowPersistence(ts.store, { loadDelayMs: 100 }),
      );
      const people = await Promise.all(
        Array.from({ length: 10 }, async () =>
          connect(server!.url, story.id, await tokenFor(reporter, story.id), {
            acks: true,
          }),
        ),
      );
      await Promise.all(people.map((p) => p.synced()));
      const reference = bodyXml(people[0]!.doc);
      for (const p of people) {
        expect(bodyXml(p.doc)).toBe(reference);
        expect(readSingleLine(p.doc, "headline")).toBe("Brand new");
      }
      expect(occurrences(reference, "Paragraph 1 of 3.")).toBe(1);
      // Opening a story writes nothing: its one initial row is all the store holds.
      await server.registry.flushAll();
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBe(1);

      people.forEach((p, i) => appendParagraph(p.doc, `Person ${i} wrote.`));
      await Promise.all(people.map((p) => p.saved()));
      const stored = bodyXml(await loadStoryDoc(ts.store, story.id));
      expect(occurrences(stored, "Paragraph 1 of 3.")).toBe(1);
      for (let i = 0; i < 10; i++)
        expect(occurrences(stored, `Person ${i} wrote.`)).toBe(1);
      await waitFor(
        () => people.every((p) => bodyXml(p.doc) === stored),
        "everyone to converge on the stored story",
      );
    });

    it("never unloads a document while a write is pending", async () => {
      const story = await createTestStory(ts.store, reporter);
      const { server: held, release } = await startWithCommitsHeld();
      const author = connect(
        held.url,
        story.id,
        await tokenFor(reporter, story.id),
      );
      await author.synced();
      appendParagraph(author.doc, "Written just before leaving.");
      await waitFor(
        () => held.metrics.updates.get() >= 1,
        "the server to receive the edit",
      );
      author.destroy();
      await waitFor(
        () => held.metrics.connections.get() === 0,
        "the socket to close",
      );
      // The last socket is gone but the write is not committed: the document stays loaded.
      expect(held.registry.size).toBe(1);
      expect(held.registry.get(story.id)!.writer.pending).toBe(true);

      release();
      await waitFor(() => held.registry.size === 0, "unload after commit");
      expect(bodyXml(await loadStoryDoc(ts.store, story.id))).toContain(
        "Written just before leaving.",
      );
    });

    it("with broadcast after commit, shows nobody what the store lacks", async () => {
      const story = await createTestStory(ts.store, reporter);
      const { server: held, release } = await startWithCommitsHeld({
        localBroadcast: "after-commit",
      });
      const author = connect(
        held.url,
        story.id,
        await tokenFor(reporter, story.id),
      );
      const reader = connect(
        held.url,
        story.id,
        await tokenFor(colleague, story.id),
      );
      await Promise.all([author.synced(), reader.synced()]);
      appendParagraph(author.doc, "Held until it is stored.");
      await waitFor(
        () => held.metrics.updates.get() >= 1,
        "the server to receive the edit",
      );
      // Loopback delivers a broadcast in well under this; the commit is held meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bodyXml(reader.doc)).not.toContain("Held until it is stored.");
      release();
      await waitFor(
        () => bodyXml(reader.doc).includes("Held until it is stored."),
        "the reader to see the edit once it is stored",
      );
      expect(bodyXml(await loadStoryDoc(ts.store, story.id))).toContain(
        "Held until it is stored.",
      );
    });

    it("with immediate local broadcast (the default), still acknowledges only what is committed", async () => {
      const story = await createTestStory(ts.store, reporter);
      const { server: held, release } = await startWithCommitsHeld();
      const author = connect(
        held.url,
        story.id,
        await tokenFor(reporter, story.id),
        { acks: true },
      );
      const reader = connect(
        held.url,
        story.id,
        await tokenFor(colleague, story.id),
      );
      await Promise.all([author.synced(), reader.synced()]);
      appendParagraph(author.doc, "Seen before it is stored.");
      await waitFor(
        () => bodyXml(reader.doc).includes("Seen before it is stored."),
        "the reader to see the edit while the commit is held",
      );
      expect(author.tracker.state).toBe("saving");
      expect(bodyXml(await loadStoryDoc(ts.store, story.id))).not.toContain(
        "Seen before it is stored.",
      );
      release();
      await author.saved();
      expect(bodyXml(await loadStoryDoc(ts.store, story.id))).toContain(
        "Seen before it is stored.",
      );
    });

    it("compacts a long update log when the story is opened, keeping every word", async () => {
      const story = await createTestStory(ts.store, reporter);
      // A log left long (e.g. by a crash before compaction): 1,200 single-keystroke rows.
      const author = new Y.Doc();
      Y.applyUpdate(
        author,
        Y.encodeStateAsUpdate(await loadStoryDoc(ts.store, story.id)),
      );
      const text = new Y.XmlText();
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [text]);
      const rows: Uint8Array[] = [];
      author.on("update", (u: Uint8Array) => rows.push(u));
      author.getXmlFragment("body").insert(0, [paragraph]);
      for (let i = 0; i < 1200; i++) text.insert(text.length, String(i % 10));
      for (let i = 0; i < rows.length; i += 100)
        await appendDocumentUpdates(ts.store, story.id, rows.slice(i, i + 100));
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBeGreaterThan(
        1200,
      );

      server = await startTestServer(ts.store, { compactAfterRows: 500 });
      const reader = connect(
        server.url,
        story.id,
        await tokenFor(colleague, story.id),
      );
      await reader.synced();
      expect(bodyXml(reader.doc)).toBe(bodyXml(author));
      await waitFor(
        async () => (await countDocumentUpdates(ts.store.db, story.id)) < 5,
        "compaction on open",
      );
      expect(bodyXml(await loadStoryDoc(ts.store, story.id))).toBe(
        bodyXml(author),
      );
    });
  });
}
