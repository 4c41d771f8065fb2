import { beforeEach, describe, expect, it } from "vitest";
import { findStoryById } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { updateUser } from "../db/users";
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
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      cole: ["reporter", "Cole Colleague"],
      other: ["reporter", "Otto Other"],
      editor: ["editor", "Ed Editor"],
      admin: ["admin", "Ada Admin"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.rita, "Harbour reopens"))
        .id;
    });

    const authorIds = async () =>
      (await findStoryById(desk.store.db, storyId))!.authorIds;

    it("lets a story's authors add and remove reporters, and tells open sockets", async () => {
      const version = (await findStoryById(desk.store.db, storyId))!
        .access_version;
      const details = await addAuthor(
        desk.store,
        desk.rita,
        storyId,
        desk.cole.email,
      );
      expect(details.authors.map((a) => a.name)).toEqual([
        "Rita Reporter",
        "Cole Colleague",
      ]);
      expect(details.history.at(-1)).toMatchObject({
        kind: "author-added",
        note: "Cole Colleague",
      });
      const story = (await findStoryById(desk.store.db, storyId))!;
      expect(story.access_version).toBe(version + 1);
      // A co-author manages the authors too, the first one included.
      await removeAuthor(desk.store, desk.cole, storyId, desk.rita.id);
      expect(await authorIds()).toEqual([desk.cole.id]);
      expect(
        await outcome(
          removeAuthor(desk.store, desk.cole, storyId, desk.cole.id),
        ),
      ).toBe("409 A story keeps at least one author.");
    });

    it("refuses reporters who are not authors", async () => {
      const refused = "403 Only an author or an editor can change the authors.";
      expect(
        await outcome(
          addAuthor(desk.store, desk.other, storyId, desk.other.email),
        ),
      ).toBe(refused);
      await addAuthor(desk.store, desk.rita, storyId, desk.cole.email);
      expect(
        await outcome(
          removeAuthor(desk.store, desk.other, storyId, desk.cole.id),
        ),
      ).toBe(refused);
      expect(await authorIds()).toEqual([desk.rita.id, desk.cole.id]);
    });

    it("lets the desk, editors and admins, change the authors of any story", async () => {
      await addAuthor(desk.store, desk.editor, storyId, desk.cole.email);
      await addAuthor(desk.store, desk.admin, storyId, desk.other.email);
      await removeAuthor(desk.store, desk.editor, storyId, desk.rita.id);
      await removeAuthor(desk.store, desk.admin, storyId, desk.cole.id);
      expect(await authorIds()).toEqual([desk.other.id]);
    });

    it("adds only active reporters who exist", async () => {
      expect(
        await outcome(
          addAuthor(desk.store, desk.rita, storyId, desk.editor.email),
        ),
      ).toBe(
        "409 Only reporters are added as co-authors; editors can edit every story.",
      );
      expect(
        await outcome(
          addAuthor(desk.store, desk.rita, storyId, "nobody@x.example"),
        ),
      ).toBe("404 No newsroom account uses nobody@x.example.");
      await updateUser(desk.store.db, desk.cole.id, {
        deactivated_at: new Date().toISOString(),
      });
      expect(
        await outcome(
          addAuthor(desk.store, desk.rita, storyId, desk.cole.email),
        ),
      ).toBe("409 Cole Colleague's account is deactivated.");
      expect(await authorIds()).toEqual([desk.rita.id]);
    });
  });
}
