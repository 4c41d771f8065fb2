import { beforeEach, describe, expect, it } from "vitest";
import { eventsUrl } from "../lib/collab/announce";
import { signNewsroomEvent } from "../lib/collab/newsroom-events";
import { listEvents } from "../lib/db/events";
import { findStoryById } from "../lib/db/story-rows";
import { storeVariants } from "../lib/db/testing";
import { META_SECTION, Y_META } from "../lib/editor/names";
import { transitionStory } from "../lib/stories/commands";
import { appendParagraph, TEST_SECRET, waitFor } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

for (const variant of storeVariants()) {
  describe(`approval means this text (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        editor: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Harbour reopens" },
      // The backstop poll is out of reach: the server knows the approval from its first read
      // of the story, or from the app's announcement.
      server: { accessCheckIntervalMs: 600_000 },
    });
    beforeEach(async () => {
      const { ts, people, storyId } = room;
      await transitionStory(ts.store, people.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(ts.store, people.editor, storyId, {
        to: "approved",
      });
    });

    const status = async () =>
      (await findStoryById(room.ts.store.db, room.storyId))?.status;
    const openAsEditor = () => room.join(room.people.editor);

    it("sends the story back to review when its text changes after approval, saying who changed it", async () => {
      const approved = await findStoryById(room.ts.store.db, room.storyId);
      expect(approved?.approved_digest).toBeTruthy();
      const client = await openAsEditor();
      appendParagraph(client.doc, "A sentence added after approval.");
      await client.saved();
      await waitFor(
        async () => (await status()) === "submitted",
        "the approval to lapse",
      );
      const story = await findStoryById(room.ts.store.db, room.storyId);
      expect(story?.approved_digest).toBeNull();
      const lapse = (await listEvents(room.ts.store.db, room.storyId)).at(-1);
      expect(lapse).toMatchObject({
        kind: "approval-lapsed",
        actor_id: room.people.editor.id,
        from_status: "approved",
        to_status: "submitted",
        note: "Approval lapsed: changed by Ed Editor.",
        version_id: approved?.approved_version_id,
      });
    });

    it("keeps the approval through desk metadata changes, and lapses it at the first text change", async () => {
      const client = await openAsEditor();
      client.doc.getMap(Y_META).set(META_SECTION, "Business");
      await client.saved();
      // Longer than the server waits before it compares the text.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await status()).toBe("approved");
      appendParagraph(client.doc, "Now the text changes.");
      await client.saved();
      await waitFor(
        async () => (await status()) === "submitted",
        "the approval to lapse",
      );
    });

    it("does not lapse an approval given after the change, once the server hears of it", async () => {
      await transitionStory(room.ts.store, room.people.editor, room.storyId, {
        to: "draft",
        note: "One more fix.",
      });
      await transitionStory(room.ts.store, room.people.reporter, room.storyId, {
        to: "submitted",
      });
      const client = await openAsEditor();
      appendParagraph(client.doc, "Changed while in review.");
      await client.saved();
      await transitionStory(room.ts.store, room.people.editor, room.storyId, {
        to: "approved",
      });
      // As the app announces every move of a story.
      const announced = await fetch(eventsUrl(room.server.url), {
        method: "POST",
        body: await signNewsroomEvent(
          { type: "story", storyId: room.storyId, access: true },
          TEST_SECRET,
        ),
      });
      expect(announced.status).toBe(204);
      client.doc.getMap(Y_META).set(META_SECTION, "World");
      await client.saved();
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await status()).toBe("approved");
      appendParagraph(client.doc, "And now after it.");
      await client.saved();
      await waitFor(
        async () => (await status()) === "submitted",
        "the new approval to lapse",
      );
    });
  });
}
