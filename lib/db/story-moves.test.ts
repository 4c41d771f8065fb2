import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { publishedContentVersion } from "./content-version";
import { listEvents } from "./events";
import {
  moveStory,
  STORY_MOVED_MESSAGE,
  StoryMovedError,
  type StoryMove,
} from "./story-moves";
import { createStory, findStoryById } from "./story-rows";
import { createTestUser, storeVariants, type TestStore } from "./testing";
import { inTransaction } from "./transaction";
import type { UserRow } from "./users";

for (const variant of storeVariants()) {
  describe(`moving a story (${variant.name})`, () => {
    let ts: TestStore;
    let editor: UserRow;
    let storyId: string;

    /** What a move may change: the row, the two versions and the record. */
    const state = async () => {
      const story = (await findStoryById(ts.store.db, storyId))!;
      return {
        status: story.status,
        slug: story.slug,
        slugCustom: story.slug_custom,
        scheduledAt: story.scheduled_at,
        updatedAt: story.updated_at,
        accessVersion: story.access_version,
        contentVersion: Number(await publishedContentVersion(ts.store.db)),
        events: (await listEvents(ts.store.db, storyId)).map((e) => ({
          kind: e.kind,
          actor: e.actor_id,
          from: e.from_status,
          to: e.to_status,
          note: e.note,
        })),
      };
    };
    const move = (m: StoryMove) =>
      inTransaction(ts.store, (db) => moveStory(db, m));

    beforeEach(async () => {
      ts = await variant.create();
      editor = await createTestUser(ts.store, "editor");
      storyId = (
        await createStory(ts.store, {
          author: await createTestUser(ts.store, "reporter"),
          headline: "Harbour reopens",
          initialDocument: encodeInitialStoryDocument({
            headline: "Harbour reopens",
          }),
        })
      ).id;
    });
    afterEach(async () => ts.cleanup());

    it("moves the status, bumps the access version only, and records the transition", async () => {
      const before = await state();
      await move({
        storyId,
        from: "draft",
        to: "submitted",
        at: "2030-01-01T12:00:00.000Z",
        event: { kind: "transition", actorId: editor.id, note: "Ready" },
      });
      const after = await state();
      expect(after).toMatchObject({
        status: "submitted",
        updatedAt: "2030-01-01T12:00:00.000Z",
        accessVersion: before.accessVersion + 1,
        contentVersion: before.contentVersion,
      });
      expect(after.events.slice(before.events.length)).toEqual([
        {
          kind: "transition",
          actor: editor.id,
          from: "draft",
          to: "submitted",
          note: "Ready",
        },
      ]);
    });

    it("refuses a stale from-state and changes nothing", async () => {
      const before = await state();
      const refused = move({
        storyId,
        from: "approved",
        to: "published",
        set: { slug: "elsewhere", scheduled_at: null },
        event: { kind: "published", actorId: editor.id },
      });
      await expect(refused).rejects.toBeInstanceOf(StoryMovedError);
      await expect(refused).rejects.toMatchObject({
        code: "conflict",
        status: 409,
        message: STORY_MOVED_MESSAGE,
      });
      expect(await state()).toEqual(before);
      await expect(
        move({
          storyId: "00000000-0000-4000-8000-000000000000",
          from: "draft",
          to: "submitted",
          event: { kind: "transition", actorId: editor.id },
        }),
      ).rejects.toBeInstanceOf(StoryMovedError);
    });

    it("bumps the site's content version when a column the site reads changes, and not the access version without a status", async () => {
      const before = await state();
      await move({
        storyId,
        from: "draft",
        set: { slug: "harbour-open", slug_custom: 1 },
        event: {
          kind: "slug-changed",
          actorId: editor.id,
          note: "harbour-reopens → harbour-open",
        },
      });
      const after = await state();
      expect(after).toMatchObject({
        status: "draft",
        slug: "harbour-open",
        slugCustom: 1,
        accessVersion: before.accessVersion,
        contentVersion: before.contentVersion + 1,
      });
      expect(after.events.at(-1)).toEqual({
        kind: "slug-changed",
        actor: editor.id,
        from: null,
        to: null,
        note: "harbour-reopens → harbour-open",
      });

      // Taking a story off the site changes both.
      await move({
        storyId,
        from: "draft",
        to: "unpublished",
        set: { live_revision_id: null },
        event: { kind: "unpublished", actorId: editor.id },
      });
      expect(await state()).toMatchObject({
        accessVersion: before.accessVersion + 1,
        contentVersion: before.contentVersion + 2,
      });
    });

    it("changes neither version for a schedule, and records the statuses it names", async () => {
      await move({
        storyId,
        from: "draft",
        to: "approved",
        event: { kind: "transition", actorId: editor.id },
      });
      const before = await state();
      await move({
        storyId,
        from: "approved",
        set: { scheduled_at: "2030-01-01T00:00:00.000Z" },
        event: {
          kind: "scheduled",
          actorId: editor.id,
          fromStatus: "approved",
          toStatus: "published",
        },
      });
      const after = await state();
      expect(after).toMatchObject({
        status: "approved",
        scheduledAt: "2030-01-01T00:00:00.000Z",
        accessVersion: before.accessVersion,
        contentVersion: before.contentVersion,
      });
      expect(after.events.at(-1)).toMatchObject({
        kind: "scheduled",
        from: "approved",
        to: "published",
      });
      // A move to the status the story is in (a republication) still re-decides access.
      await move({
        storyId,
        from: "approved",
        to: "approved",
        event: { kind: "transition", actorId: editor.id },
      });
      expect((await state()).accessVersion).toBe(before.accessVersion + 1);
    });

    it("is part of the caller's transaction", async () => {
      const before = await state();
      await expect(
        inTransaction(ts.store, async (db) => {
          await moveStory(db, {
            storyId,
            from: "draft",
            to: "submitted",
            set: { slug: "rolled-back" },
            event: { kind: "transition", actorId: editor.id },
          });
          throw new Error("the caller fails after the move");
        }),
      ).rejects.toThrow("the caller fails after the move");
      expect(await state()).toEqual(before);
    });
  });
}
