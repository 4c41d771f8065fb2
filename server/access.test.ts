import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ACCESS_NEW_TOKEN,
  ACCOUNT_DEACTIVATED,
  CloseCode,
} from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import { presentUsers } from "../lib/db/presence";
import { readSessionGeneration } from "../lib/db/session-generations";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import { findStoryById } from "../lib/db/story-rows";
import type { UserRow } from "../lib/db/users";
import { changeAccount } from "../lib/people/accounts";
import { addAuthor, removeAuthor } from "../lib/stories/authors";
import { newSuggestionId } from "../lib/editor/suggestions/id";
import { createStoryFor, transitionStory } from "../lib/stories/commands";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  slowPersistence,
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
  describe(`access changes on open sockets (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let reporter: UserRow;
    let colleague: UserRow;
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
      colleague = await createTestUser(ts.store, "reporter", "Cole Colleague");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (await createStoryFor(ts.store, reporter, "Harbour reopens"))
        .id;
      server = await startTestServer(ts.store, {
        accessCheckIntervalMs: 50,
        presenceReportDelayMs: 50,
      });
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
      await ts.cleanup();
    });

    it("lets a reporter only suggest while the desk reviews, and edit again once returned", async () => {
      const r = await connect(reporter);
      const e = await connect(editor);
      appendParagraph(r.doc, "Written in the draft.");
      await r.saved();

      await transitionStory(ts.store, reporter, storyId, { to: "submitted" });
      await waitFor(
        () => r.access.at(-1)?.reason.startsWith("suggest-only") === true,
        "the reporter's socket to take suggestions only",
      );
      expect(r.access.at(-1)).toEqual({
        readOnly: false,
        reason: "suggest-only: the desk is reviewing the story",
      });
      expect(e.access).toEqual([]);

      // A suggestion in her own name goes through, stored and relayed.
      const id = newSuggestionId(reporter.id);
      lastText(r.doc).insert(0, "Now ", { insertion: { id } });
      await r.saved();
      await waitFor(
        () => bodyXml(e.doc).includes("Now "),
        "the editor to see the suggestion",
      );

      // Her new socket is suggest-only from the start; a direct change closes it, unstored.
      const again = await connect(reporter);
      lastText(again.doc).insert(0, "Sneaked in under review. ");
      const closed = await again.closed();
      expect(closed.code).toBe(CloseCode.forbidden);
      expect(closed.reason).toContain("only by suggesting");
      // So does a change of the story's details.
      const third = await connect(reporter);
      third.doc.getMap("meta").set("dateline", "SEOUL");
      expect((await third.closed()).reason).toContain("details");
      await server.registry.flushAll();
      const stored = await loadStoryDoc(ts.store, storyId);
      expect(bodyXml(stored)).not.toContain("Sneaked");
      expect(bodyXml(stored)).toContain("Now ");
      expect(stored.getMap("meta").get("dateline")).not.toBe("SEOUL");
      expect(server.metrics.refusedUpdates.get()).toBe(2);

      await transitionStory(ts.store, editor, storyId, {
        to: "draft",
        note: "Add the ferry times.",
      });
      await waitFor(
        () => r.access.at(-1)?.reason === "read-write",
        "the same socket to take direct changes again",
      );
      appendParagraph(r.doc, "Ferries resume at six.");
      await r.saved();
      expect(bodyXml(await loadStoryDoc(ts.store, storyId))).toContain(
        "Ferries resume at six.",
      );
      await waitFor(
        () => bodyXml(e.doc).includes("Ferries resume at six."),
        "the editor to see it",
      );
    });

    it("closes a removed co-author's sockets at once, and reports who is in the story", async () => {
      await addAuthor(ts.store, reporter, storyId, colleague.email);
      const c = await connect(colleague);
      const r = await connect(reporter);
      appendParagraph(c.doc, "A co-author's line.");
      await c.saved();
      await waitFor(
        async () =>
          ((await presentUsers(ts.store.db, [storyId])).get(storyId) ?? [])
            .length === 2,
        "presence of both",
      );

      await removeAuthor(ts.store, reporter, storyId, colleague.id);
      const closed = await c.closed();
      expect(closed).toEqual({
        code: CloseCode.forbidden,
        reason: "forbidden: removed from the story's authors",
      });
      expect(r.provider.wsconnected).toBe(true);
      await waitFor(
        async () =>
          (
            (await presentUsers(ts.store.db, [storyId])).get(storyId) ?? []
          ).join() === reporter.id,
        "presence of the reporter only",
      );
    });

    it("tells a reader added as a co-author that a fresh token lets them write", async () => {
      const reader = connectClient(
        server.url,
        storyId,
        await tokenFor(colleague, storyId, true),
        { acks: true },
      );
      clients.push(reader);
      await reader.synced();
      await addAuthor(ts.store, reporter, storyId, colleague.email);
      await waitFor(
        () => reader.access.at(-1)?.reason === ACCESS_NEW_TOKEN,
        "the reader to hear that writing needs a fresh token",
      );
      expect(reader.access.at(-1)?.readOnly).toBe(true);
      // What it asks for: a token granting writing, which now opens a writable socket.
      const writer = await connect(colleague);
      appendParagraph(writer.doc, "The co-author's first line.");
      await writer.saved();
      expect(bodyXml(await loadStoryDoc(ts.store, storyId))).toContain(
        "The co-author's first line.",
      );
    });

    it("closes a deactivated account's sockets at once, and refuses it at the upgrade", async () => {
      const admin = await createTestUser(ts.store, "admin", "Ada Admin");
      await addAuthor(ts.store, reporter, storyId, colleague.email);
      const c = await connect(colleague);
      const r = await connect(reporter);
      await changeAccount(ts.store, admin, colleague.id, { active: false });
      expect(await c.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: signed out",
      });
      const generation = await readSessionGeneration(ts.store.db, colleague.id);
      const again = connectClient(
        server.url,
        storyId,
        await tokenFor(colleague, storyId, false, undefined, generation),
        { acks: true },
      );
      clients.push(again);
      expect(await again.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: ACCOUNT_DEACTIVATED,
      });
      expect(r.provider.wsconnected).toBe(true);
      // The story keeps its authors: deactivating removes nobody's work.
      expect((await findStoryById(ts.store.db, storyId))?.authorIds).toEqual([
        reporter.id,
        colleague.id,
      ]);
    });

    it("re-decides a socket whose story changed after it was authorised, while its document loaded", async () => {
      await server.close();
      const persistence = slowPersistence(ts.store, { loadDelayMs: 400 });
      server = await startTestServer(
        ts.store,
        { accessCheckIntervalMs: 50, presenceReportDelayMs: 50 },
        persistence,
      );
      const r = connectClient(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      clients.push(r);
      await waitFor(
        () => persistence.loads === 1,
        "the document to be loading",
      );
      await transitionStory(ts.store, reporter, storyId, { to: "submitted" });
      await r.synced();
      await waitFor(
        () => r.access.at(-1)?.reason.startsWith("suggest-only") === true,
        "the socket to take suggestions only",
      );
    });

    it("keeps the story's word count current for the story list", async () => {
      const r = await connect(reporter);
      appendParagraph(r.doc, "Five words in this sentence.");
      appendParagraph(r.doc, "And four more here.");
      await r.saved();
      await waitFor(
        async () =>
          (await findStoryById(ts.store.db, storyId))?.word_count === 9,
        "word count 9",
      );
    });
  });
}
