import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findStoryById } from "../db/story-rows";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { updateUser, type UserRow } from "../db/users";
import { AppError } from "../errors";
import { addAuthor, removeAuthor } from "./authors";
import { createStoryFor } from "./commands";

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.message}`;
    throw error;
  }
}

for (const variant of storeVariants()) {
  describe(`co-authors (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let cole: UserRow;
    let other: UserRow;
    let editor: UserRow;
    let admin: UserRow;
    let storyId: string;

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      cole = await createTestUser(ts.store, "reporter", "Cole Colleague");
      other = await createTestUser(ts.store, "reporter", "Otto Other");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      admin = await createTestUser(ts.store, "admin", "Ada Admin");
      storyId = (await createStoryFor(ts.store, rita, "Harbour reopens")).id;
    });
    afterEach(async () => ts.cleanup());

    const authorIds = async () =>
      (await findStoryById(ts.store.db, storyId))!.authorIds;

    it("lets a story's authors add and remove reporters, and tells open sockets", async () => {
      const version = (await findStoryById(ts.store.db, storyId))!
        .access_version;
      const details = await addAuthor(ts.store, rita, storyId, cole.email);
      expect(details.authors.map((a) => a.name)).toEqual([
        "Rita Reporter",
        "Cole Colleague",
      ]);
      expect(details.history.at(-1)).toMatchObject({
        kind: "author-added",
        note: "Cole Colleague",
      });
      const story = (await findStoryById(ts.store.db, storyId))!;
      expect(story.access_version).toBe(version + 1);
      // A co-author manages the authors too, the first one included.
      await removeAuthor(ts.store, cole, storyId, rita.id);
      expect(await authorIds()).toEqual([cole.id]);
      expect(
        await outcome(removeAuthor(ts.store, cole, storyId, cole.id)),
      ).toBe("409 A story keeps at least one author.");
    });

    it("refuses reporters who are not authors", async () => {
      const refused = "403 Only an author or an editor can change the authors.";
      expect(
        await outcome(addAuthor(ts.store, other, storyId, other.email)),
      ).toBe(refused);
      await addAuthor(ts.store, rita, storyId, cole.email);
      expect(
        await outcome(removeAuthor(ts.store, other, storyId, cole.id)),
      ).toBe(refused);
      expect(await authorIds()).toEqual([rita.id, cole.id]);
    });

    it("lets the desk, editors and admins, change the authors of any story", async () => {
      await addAuthor(ts.store, editor, storyId, cole.email);
      await addAuthor(ts.store, admin, storyId, other.email);
      await removeAuthor(ts.store, editor, storyId, rita.id);
      await removeAuthor(ts.store, admin, storyId, cole.id);
      expect(await authorIds()).toEqual([other.id]);
    });

    it("adds only active reporters who exist", async () => {
      expect(
        await outcome(addAuthor(ts.store, rita, storyId, editor.email)),
      ).toBe(
        "409 Only reporters are added as co-authors; editors can edit every story.",
      );
      expect(
        await outcome(addAuthor(ts.store, rita, storyId, "nobody@x.example")),
      ).toBe("404 No newsroom account uses nobody@x.example.");
      await updateUser(ts.store.db, cole.id, {
        deactivated_at: new Date().toISOString(),
      });
      expect(
        await outcome(addAuthor(ts.store, rita, storyId, cole.email)),
      ).toBe("409 Cole Colleague's account is deactivated.");
      expect(await authorIds()).toEqual([rita.id]);
    });
  });
}
