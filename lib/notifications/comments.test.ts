import { beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { listNotifications } from "../db/notifications";
import { createTestUser, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import type { UserRow } from "../db/users";
import { changeAccount } from "../people/accounts";
import { reply, startThread, type CommentAuthor } from "../editor/comments";
import { createStoryFor } from "../stories/commands";
import { notifyComment } from "./comments";

for (const variant of storeVariants()) {
  describe(`comments that tell people (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      cole: ["reporter", "Cole Colleague"],
      ed: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.rita, "Harbour reopens"))
        .id;
    });
    const who = (u: UserRow): CommentAuthor => ({ id: u.id, name: u.name });
    /** Writes to the stored story as a client would, returning what `write` returns. */
    const stored = async <T>(write: (doc: Y.Doc) => T): Promise<T> => {
      const doc = await loadStoryDoc(desk.store, storyId);
      const before = Y.encodeStateVector(doc);
      const result = write(doc);
      await appendDocumentUpdates(desk.store, storyId, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      return result;
    };
    const inbox = async (u: UserRow) =>
      (await listNotifications(desk.store.db, u.id)).items.map((n) => [
        n.kind,
        n.text,
      ]);
    const comment = (author: UserRow, text: string) =>
      stored((doc) => {
        const threadId = startThread(doc, {
          anchor: new Uint8Array([1]),
          head: new Uint8Array([2]),
          quote: "reopened",
          author: who(author),
          text,
        });
        const first = doc
          .getMap<Y.Map<unknown>>("comments")
          .get(threadId)!
          .get("messages") as Y.Array<{ id: string }>;
        return { threadId, messageId: first.get(0).id };
      });

    it("tells the active people a comment mentions, once", async () => {
      const admin = await createTestUser(desk.store, "admin", "Ada Admin");
      await changeAccount(desk.store, admin, desk.cole.id, { active: false });
      const { threadId, messageId } = await comment(
        desk.rita,
        "@Ed Editor is the date right? Ask @Cole Colleague too.",
      );
      expect(
        await notifyComment(
          desk.store,
          desk.rita,
          storyId,
          threadId,
          messageId,
          0,
        ),
      ).toEqual([desk.ed.id]);
      expect(await inbox(desk.ed)).toEqual([
        [
          "mention",
          "Rita Reporter mentioned you on “Harbour reopens”: @Ed Editor is the date right? Ask @Cole Colleague too.",
        ],
      ]);
      // Cole's account is deactivated.
      expect(await inbox(desk.cole)).toEqual([]);
      // Asked again (a retry, a replay): nobody is told twice.
      await notifyComment(
        desk.store,
        desk.rita,
        storyId,
        threadId,
        messageId,
        0,
      );
      expect(await inbox(desk.ed)).toHaveLength(1);
    });

    it("tells the thread's earlier writers of a reply, and refuses anyone but its author", async () => {
      const { threadId, messageId } = await comment(
        desk.rita,
        "Check the date.",
      );
      await notifyComment(
        desk.store,
        desk.rita,
        storyId,
        threadId,
        messageId,
        0,
      );
      const answer = await stored((doc) =>
        reply(doc, threadId, who(desk.ed), "It is Monday."),
      );
      expect(
        await notifyComment(desk.store, desk.ed, storyId, threadId, answer!, 0),
      ).toEqual([desk.rita.id]);
      expect(await inbox(desk.rita)).toEqual([
        ["reply", "Ed Editor replied on “Harbour reopens”: It is Monday."],
      ]);
      await expect(
        notifyComment(desk.store, desk.rita, storyId, threadId, answer!, 0),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        notifyComment(
          desk.store,
          desk.rita,
          storyId,
          threadId,
          "no-such-id",
          0,
        ),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
