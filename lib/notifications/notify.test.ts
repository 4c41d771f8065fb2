import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { insertNotifications, listNotifications } from "../db/notifications";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { changeAccount } from "../people/accounts";
import { addAuthor } from "../stories/authors";
import { createStoryFor, transitionStory } from "../stories/commands";
import { inboxOf, markRead } from "./inbox";
import {
  firstLine,
  notifyCoAuthor,
  notifyMove,
  notifyScheduledPublication,
} from "./notify";

for (const variant of storeVariants()) {
  describe(`notifications (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let cole: UserRow;
    let ed: UserRow;
    let ada: UserRow;
    let storyId: string;
    const texts = async (user: UserRow) =>
      (await listNotifications(ts.store.db, user.id)).items.map((n) => [
        n.kind,
        n.text,
      ]);
    const move = async (
      actor: UserRow,
      to: "submitted" | "draft" | "approved" | "published",
      note?: string,
    ) => {
      await transitionStory(ts.store, actor, storyId, { to, note });
      return notifyMove(ts.store, actor, storyId, to, note);
    };

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      cole = await createTestUser(ts.store, "reporter", "Cole Colleague");
      ed = await createTestUser(ts.store, "editor", "Ed Editor");
      ada = await createTestUser(ts.store, "admin", "Ada Admin");
      storyId = (await createStoryFor(ts.store, rita, "Harbour reopens")).id;
      const doc = await loadStoryDoc(ts.store, storyId);
      await appendDocumentUpdates(ts.store, storyId, [
        paragraphUpdate(doc, "The harbour reopened on Monday."),
      ]);
      await addAuthor(ts.store, rita, storyId, cole.email);
    });
    afterEach(async () => ts.cleanup());

    it("tells the desk of a submission, and the authors of a return, an approval and a publication, never the one who did it", async () => {
      const gone = await createTestUser(ts.store, "editor", "Gone Editor");
      await changeAccount(ts.store, ada, gone.id, { active: false });

      expect((await move(rita, "submitted")).sort()).toEqual(
        [ed.id, ada.id].sort(),
      );
      expect(await texts(ed)).toEqual([
        ["submitted", "Rita Reporter submitted “Harbour reopens” for review."],
      ]);
      expect(await texts(gone)).toEqual([]);
      expect(await texts(rita)).toEqual([]);

      expect(
        (
          await move(
            ed,
            "draft",
            "Add the ferry times.\nAnd a quote from the mayor.",
          )
        ).sort(),
      ).toEqual([rita.id, cole.id].sort());
      expect((await texts(cole))[0]).toEqual([
        "returned",
        "Ed Editor returned “Harbour reopens”: Add the ferry times.",
      ]);

      await move(cole, "submitted");
      expect(await move(ed, "approved")).toEqual(
        expect.arrayContaining([rita.id, cole.id]),
      );
      await move(ed, "published");
      expect((await texts(rita)).map(([kind]) => kind)).toEqual([
        "published",
        "approved",
        "returned",
      ]);
      expect(await texts(ed)).toHaveLength(2); // two submissions, by Rita and Cole
    });

    it("tells nobody when an author takes their own story back", async () => {
      await transitionStory(ts.store, rita, storyId, { to: "submitted" });
      await transitionStory(ts.store, ed, storyId, { to: "approved" });
      await transitionStory(ts.store, ed, storyId, { to: "published" });
      expect(await move(rita, "draft")).toEqual([]);
    });

    it("tells a new co-author, and the authors of a scheduled publication", async () => {
      const nina = await createTestUser(ts.store, "reporter", "Nina New");
      await addAuthor(ts.store, rita, storyId, nina.email);
      expect(await notifyCoAuthor(ts.store, rita, storyId, nina.email)).toEqual(
        [nina.id],
      );
      expect(await texts(nina)).toEqual([
        [
          "co-author",
          "Rita Reporter added you as a co-author of “Harbour reopens”.",
        ],
      ]);
      expect(
        (await notifyScheduledPublication(ts.store, [storyId])).sort(),
      ).toEqual([rita.id, cole.id, nina.id].sort());
      expect((await texts(nina))[0]).toEqual([
        "scheduled-published",
        "“Harbour reopens” went live as scheduled.",
      ]);
    });

    it("lists a person's notifications newest first, even those raised in one millisecond", async () => {
      const raised = Array.from({ length: 20 }, (_, i) => `note ${i}`);
      for (const text of raised) {
        await insertNotifications(ts.store.db, [
          { userId: ed.id, kind: "co-author", storyId, text },
        ]);
      }
      expect((await texts(ed)).map(([, text]) => text)).toEqual(
        [...raised].reverse(),
      );
    });

    it("marks read only one's own notifications, and counts the rest", async () => {
      await move(rita, "submitted");
      await move(ed, "draft", "Shorter, please.");
      const ritas = await inboxOf(ts.store, rita);
      const eds = await inboxOf(ts.store, ed);
      expect(ritas.unread).toBe(1);
      // Rita cannot mark Ed's notification read.
      expect(await markRead(ts.store, rita, [eds.items[0]!.id])).toEqual({
        unread: 1,
      });
      expect((await inboxOf(ts.store, ed)).unread).toBe(1);
      expect(await markRead(ts.store, rita, [ritas.items[0]!.id])).toEqual({
        unread: 0,
      });
      expect((await inboxOf(ts.store, rita)).items[0]!.readAt).not.toBeNull();
    });
  });
}

describe("the first line of a note", () => {
  it("is its first line, trimmed and shortened", () => {
    expect(firstLine("  Add the times. \nMore.")).toBe("Add the times.");
    expect(firstLine(undefined)).toBe("");
    expect(firstLine("x".repeat(300))).toHaveLength(140);
  });
});
