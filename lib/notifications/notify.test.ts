import { beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { insertNotifications, listNotifications } from "../db/notifications";
import { createTestUser, paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
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
import { publishThroughDesk } from "../stories/testing";

for (const variant of storeVariants()) {
  describe(`notifications (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      cole: ["reporter", "Cole Colleague"],
      ed: ["editor", "Ed Editor"],
      ada: ["admin", "Ada Admin"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.rita, "Harbour reopens"))
        .id;
      const doc = await loadStoryDoc(desk.store, storyId);
      await appendDocumentUpdates(desk.store, storyId, [
        paragraphUpdate(doc, "The harbour reopened on Monday."),
      ]);
      await addAuthor(desk.store, desk.rita, storyId, desk.cole.email);
    });
    const texts = async (user: UserRow) =>
      (await listNotifications(desk.store.db, user.id)).items.map((n) => [
        n.kind,
        n.text,
      ]);
    const move = async (
      actor: UserRow,
      to: "submitted" | "draft" | "approved" | "published",
      note?: string,
    ) => {
      await transitionStory(desk.store, actor, storyId, { to, note });
      return notifyMove(desk.store, actor, storyId, to, note);
    };

    it("tells the desk of a submission, and the authors of a return, an approval and a publication, never the one who did it", async () => {
      const gone = await createTestUser(desk.store, "editor", "Gone Editor");
      await changeAccount(desk.store, desk.ada, gone.id, { active: false });

      expect((await move(desk.rita, "submitted")).sort()).toEqual(
        [desk.ed.id, desk.ada.id].sort(),
      );
      expect(await texts(desk.ed)).toEqual([
        ["submitted", "Rita Reporter submitted “Harbour reopens” for review."],
      ]);
      expect(await texts(gone)).toEqual([]);
      expect(await texts(desk.rita)).toEqual([]);

      expect(
        (
          await move(
            desk.ed,
            "draft",
            "Add the ferry times.\nAnd a quote from the mayor.",
          )
        ).sort(),
      ).toEqual([desk.rita.id, desk.cole.id].sort());
      expect((await texts(desk.cole))[0]).toEqual([
        "returned",
        "Ed Editor returned “Harbour reopens”: Add the ferry times.",
      ]);

      await move(desk.cole, "submitted");
      expect(await move(desk.ed, "approved")).toEqual(
        expect.arrayContaining([desk.rita.id, desk.cole.id]),
      );
      await move(desk.ed, "published");
      expect((await texts(desk.rita)).map(([kind]) => kind)).toEqual([
        "published",
        "approved",
        "returned",
      ]);
      expect(await texts(desk.ed)).toHaveLength(2); // two submissions, by Rita and Cole
    });

    it("tells nobody when an author takes their own story back", async () => {
      await publishThroughDesk(desk.store, desk.rita, desk.ed, storyId);
      expect(await move(desk.rita, "draft")).toEqual([]);
    });

    it("tells a new co-author, and the authors of a scheduled publication", async () => {
      const nina = await createTestUser(desk.store, "reporter", "Nina New");
      await addAuthor(desk.store, desk.rita, storyId, nina.email);
      expect(
        await notifyCoAuthor(desk.store, desk.rita, storyId, nina.email),
      ).toEqual([nina.id]);
      expect(await texts(nina)).toEqual([
        [
          "co-author",
          "Rita Reporter added you as a co-author of “Harbour reopens”.",
        ],
      ]);
      expect(
        (await notifyScheduledPublication(desk.store, [storyId])).sort(),
      ).toEqual([desk.rita.id, desk.cole.id, nina.id].sort());
      expect((await texts(nina))[0]).toEqual([
        "scheduled-published",
        "“Harbour reopens” went live as scheduled.",
      ]);
    });

    it("lists a person's notifications newest first, even those raised in one millisecond", async () => {
      const raised = Array.from({ length: 20 }, (_, i) => `note ${i}`);
      for (const text of raised) {
        await insertNotifications(desk.store.db, [
          { userId: desk.ed.id, kind: "co-author", storyId, text },
        ]);
      }
      expect((await texts(desk.ed)).map(([, text]) => text)).toEqual(
        [...raised].reverse(),
      );
    });

    it("marks read only one's own notifications, and counts the rest", async () => {
      await move(desk.rita, "submitted");
      await move(desk.ed, "draft", "Shorter, please.");
      const ritas = await inboxOf(desk.store, desk.rita);
      const eds = await inboxOf(desk.store, desk.ed);
      expect(ritas.unread).toBe(1);
      // Rita cannot mark Ed's notification read.
      expect(await markRead(desk.store, desk.rita, [eds.items[0]!.id])).toEqual(
        {
          unread: 1,
        },
      );
      expect((await inboxOf(desk.store, desk.ed)).unread).toBe(1);
      expect(
        await markRead(desk.store, desk.rita, [ritas.items[0]!.id]),
      ).toEqual({
        unread: 0,
      });
      expect(
        (await inboxOf(desk.store, desk.rita)).items[0]!.readAt,
      ).not.toBeNull();
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
