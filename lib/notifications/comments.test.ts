import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { listNotifications } from "../db/notifications";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import type { UserRow } from "../db/users";
import { changeAccount } from "../people/accounts";
import { reply, startThread, type CommentAuthor } from "../editor/comments";
import { createStoryFor } from "../stories/commands";
import { notifyComment } from "./comments";

for (const variant of storeVariants()) {
  describe(`comments that tell people (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let cole: UserRow;
    let ed: UserRow;
    let storyId: string;
    const who = (u: UserRow): CommentAuthor => ({ id: u.id, name: u.name });
    /** Writes to the stored story as a client would, returning what `write` returns. */
    const stored = async <T>(write: (doc: Y.Doc) => T): Promise<T> => {
      const doc = await loadStoryDoc(ts.store, storyId);
      const before = Y.encodeStateVector(doc);
      const result = write(doc);
      await appendDocumentUpdates(ts.store, storyId, [
        Y.encodeStateAsUpdate(doc, before),
      ]);
      return result;
    };
    const inbox = async (u: UserRow) =>
      (await listNotifications(ts.store.db, u.id)).items.map((n) => [
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

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      cole = await createTestUser(ts.store, "reporter", "Cole Colleague");
      ed = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (await createStoryFor(ts.store, rita, "Harbour reopens")).id;
    });
    afterEach(async () => ts.cleanup());

    it("tells the active people a comment mentions, once", async () => {
      const admin = await createTestUser(ts.store, "admin", "Ada Admin");
      await changeAccount(ts.store, admin, cole.id, { active: false });
      const { threadId, messageId } = await comment(
        rita,
        "@Ed Editor is the date right? Ask @Cole Colleague too.",
      );
      expect(
        await notifyComment(ts.store, rita, storyId, threadId, messageId, 0),
      ).toEqual([ed.id]);
      expect(await inbox(ed)).toEqual([
        [
          "mention",
          "Rita Reporter mentioned you on “Harbour reopens”: @Ed Editor is the date right? Ask @Cole Colleague too.",
        ],
      ]);
      // Cole's account is deactivated.
      expect(await inbox(cole)).toEqual([]);
      // Asked again (a retry, a replay): nobody is told twice.
      await notifyComment(ts.store, rita, storyId, threadId, messageId, 0);
      expect(await inbox(ed)).toHaveLength(1);
    });

    it("tells the thread's earlier writers of a reply, and refuses anyone but its author", async () => {
      const { threadId, messageId } = await comment(rita, "Check the date.");
      await notifyComment(ts.store, rita, storyId, threadId, messageId, 0);
      const answer = await stored((doc) =>
        reply(doc, threadId, who(ed), "It is Monday."),
      );
      expect(
        await notifyComment(ts.store, ed, storyId, threadId, answer!, 0),
      ).toEqual([rita.id]);
      expect(await inbox(rita)).toEqual([
        ["reply", "Ed Editor replied on “Harbour reopens”: It is Monday."],
      ]);
      await expect(
        notifyComment(ts.store, rita, storyId, threadId, answer!, 0),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        notifyComment(ts.store, rita, storyId, threadId, "no-such-id", 0),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
