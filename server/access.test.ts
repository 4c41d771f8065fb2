import { describe, expect, it } from "vitest";
import {
  ACCESS_NEW_TOKEN,
  ACCOUNT_DEACTIVATED,
  CloseCode,
} from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import { presentUsers } from "../lib/db/presence";
import { readSessionGeneration } from "../lib/db/session-generations";
import { createTestUser, storeVariants } from "../lib/db/testing";
import { findStoryById } from "../lib/db/story-rows";
import { changeAccount } from "../lib/people/accounts";
import { addAuthor, removeAuthor } from "../lib/stories/authors";
import { newSuggestionId } from "../lib/editor/suggestions/id";
import { transitionStory } from "../lib/stories/commands";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  slowPersistence,
  tokenFor,
  waitFor,
  lastText,
} from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

for (const variant of storeVariants()) {
  describe(`access changes on open sockets (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        colleague: ["reporter", "Cole Colleague"],
        editor: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Harbour reopens" },
      server: { accessCheckIntervalMs: 50, presenceReportDelayMs: 50 },
    });

    it("lets a reporter only suggest while the desk reviews, and edit again once returned", async () => {
      const r = await room.join(room.people.reporter);
      const e = await room.join(room.people.editor);
      appendParagraph(r.doc, "Written in the draft.");
      await r.saved();

      await transitionStory(room.ts.store, room.people.reporter, room.storyId, {
        to: "submitted",
      });
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
      const id = newSuggestionId(room.people.reporter.id);
      lastText(r.doc).insert(0, "Now ", { insertion: { id } });
      await r.saved();
      await waitFor(
        () => bodyXml(e.doc).includes("Now "),
        "the editor to see the suggestion",
      );

      // Her new socket is suggest-only from the start; a direct change closes it, unstored.
      const again = await room.join(room.people.reporter);
      lastText(again.doc).insert(0, "Sneaked in under review. ");
      const closed = await again.closed();
      expect(closed.code).toBe(CloseCode.forbidden);
      expect(closed.reason).toContain("only by suggesting");
      // So does a change of the story's details.
      const third = await room.join(room.people.reporter);
      third.doc.getMap("meta").set("dateline", "SEOUL");
      expect((await third.closed()).reason).toContain("details");
      await room.server.registry.flushAll();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(bodyXml(stored)).not.toContain("Sneaked");
      expect(bodyXml(stored)).toContain("Now ");
      expect(stored.getMap("meta").get("dateline")).not.toBe("SEOUL");
      expect(room.server.metrics.refusedUpdates.get()).toBe(2);

      await transitionStory(room.ts.store, room.people.editor, room.storyId, {
        to: "draft",
        note: "Add the ferry times.",
      });
      await waitFor(
        () => r.access.at(-1)?.reason === "read-write",
        "the same socket to take direct changes again",
      );
      appendParagraph(r.doc, "Ferries resume at six.");
      await r.saved();
      expect(
        bodyXml(await loadStoryDoc(room.ts.store, room.storyId)),
      ).toContain("Ferries resume at six.");
      await waitFor(
        () => bodyXml(e.doc).includes("Ferries resume at six."),
        "the editor to see it",
      );
    });

    it("closes a removed co-author's sockets at once, and reports who is in the story", async () => {
      await addAuthor(
        room.ts.store,
        room.people.reporter,
        room.storyId,
        room.people.colleague.email,
      );
      const c = await room.join(room.people.colleague);
      const r = await room.join(room.people.reporter);
      appendParagraph(c.doc, "A co-author's line.");
      await c.saved();
      await waitFor(
        async () =>
          (
            (await presentUsers(room.ts.store.db, [room.storyId])).get(
              room.storyId,
            ) ?? []
          ).length === 2,
        "presence of both",
      );

      await removeAuthor(
        room.ts.store,
        room.people.reporter,
        room.storyId,
        room.people.colleague.id,
      );
      const closed = await c.closed();
      expect(closed).toEqual({
        code: CloseCode.forbidden,
        reason: "forbidden: removed from the story's authors",
      });
      expect(r.provider.wsconnected).toBe(true);
      await waitFor(
        async () =>
          (
            (await presentUsers(room.ts.store.db, [room.storyId])).get(
              room.storyId,
            ) ?? []
          ).join() === room.people.reporter.id,
        "presence of the reporter only",
      );
    });

    it("tells a reader added as a co-author that a fresh token lets them write", async () => {
      const reader = await room.join(room.people.colleague, {
        readOnly: true,
      });
      await addAuthor(
        room.ts.store,
        room.people.reporter,
        room.storyId,
        room.people.colleague.email,
      );
      await waitFor(
        () => reader.access.at(-1)?.reason === ACCESS_NEW_TOKEN,
        "the reader to hear that writing needs a fresh token",
      );
      expect(reader.access.at(-1)?.readOnly).toBe(true);
      // What it asks for: a token granting writing, which now opens a writable socket.
      const writer = await room.join(room.people.colleague);
      appendParagraph(writer.doc, "The co-author's first line.");
      await writer.saved();
      expect(
        bodyXml(await loadStoryDoc(room.ts.store, room.storyId)),
      ).toContain("The co-author's first line.");
    });

    it("closes a deactivated account's sockets at once, and refuses it at the upgrade", async () => {
      const admin = await createTestUser(room.ts.store, "admin", "Ada Admin");
      await addAuthor(
        room.ts.store,
        room.people.reporter,
        room.storyId,
        room.people.colleague.email,
      );
      const c = await room.join(room.people.colleague);
      const r = await room.join(room.people.reporter);
      await changeAccount(room.ts.store, admin, room.people.colleague.id, {
        active: false,
      });
      expect(await c.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: signed out",
      });
      const generation = await readSessionGeneration(
        room.ts.store.db,
        room.people.colleague.id,
      );
      const again = room.track(
        connectClient(
          room.server.url,
          room.storyId,
          await tokenFor(
            room.people.colleague,
            room.storyId,
            false,
            undefined,
            generation,
          ),
          { acks: true },
        ),
      );
      expect(await again.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: ACCOUNT_DEACTIVATED,
      });
      expect(r.provider.wsconnected).toBe(true);
      // The story keeps its authors: deactivating removes nobody's work.
      expect(
        (await findStoryById(room.ts.store.db, room.storyId))?.authorIds,
      ).toEqual([room.people.reporter.id, room.people.colleague.id]);
    });

    it("re-decides a socket whose story changed after it was authorised, while its document loaded", async () => {
      const persistence = slowPersistence(room.ts.store, { loadDelayMs: 400 });
      await room.restart({
        config: { accessCheckIntervalMs: 50, presenceReportDelayMs: 50 },
        persistence,
      });
      const r = room.track(
        connectClient(
          room.server.url,
          room.storyId,
          await tokenFor(room.people.reporter, room.storyId),
          { acks: true },
        ),
      );
      await waitFor(
        () => persistence.loads === 1,
        "the document to be loading",
      );
      await transitionStory(room.ts.store, room.people.reporter, room.storyId, {
        to: "submitted",
      });
      await r.synced();
      await waitFor(
        () => r.access.at(-1)?.reason.startsWith("suggest-only") === true,
        "the socket to take suggestions only",
      );
    });

    it("keeps the story's word count current for the story list", async () => {
      const r = await room.join(room.people.reporter);
      appendParagraph(r.doc, "Five words in this sentence.");
      appendParagraph(r.doc, "And four more here.");
      await r.saved();
      await waitFor(
        async () =>
          (await findStoryById(room.ts.store.db, room.storyId))?.word_count ===
          9,
        "word count 9",
      );
    });
  });
}
