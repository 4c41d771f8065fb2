import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventsUrl } from "../lib/collab/announce";
import { signNewsroomEvent } from "../lib/collab/newsroom-events";
import { listEvents } from "../lib/db/events";
import { findStoryById } from "../lib/db/story-rows";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { META_SECTION, Y_META } from "../lib/editor/names";
import { createStoryFor, transitionStory } from "../lib/stories/commands";
import {
  appendParagraph,
  connectClient,
  startTestServer,
  TEST_SECRET,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

for (const variant of storeVariants()) {
  describe(`approval means this text (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let editor: UserRow;
    let reporter: UserRow;
    let storyId: string;
    const clients: TestClient[] = [];

    const status = async () =>
      (await findStoryById(ts.store.db, storyId))?.status;

    const openAsEditor = async () => {
      const client = connectClient(
        server.url,
        storyId,
        await tokenFor(editor, storyId),
        { acks: true },
      );
      clients.push(client);
      await client.synced();
      return client;
    };

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (await createStoryFor(ts.store, reporter, "Harbour reopens"))
        .id;
      // The backstop poll is out of reach: the server knows the approval from its first read
      // of the story, or from the app's announcement.
      server = await startTestServer(ts.store, {
        accessCheckIntervalMs: 600_000,
      });
      await transitionStory(ts.store, reporter, storyId, { to: "submitted" });
      await transitionStory(ts.store, editor, storyId, { to: "approved" });
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
      await ts.cleanup();
    });

    it("sends the story back to review when its text changes after approval, saying who changed it", async () => {
      const approved = await findStoryById(ts.store.db, storyId);
      expect(approved?.approved_digest).toBeTruthy();
      const client = await openAsEditor();
      appendParagraph(client.doc, "A sentence added after approval.");
      await client.saved();
      await waitFor(
        async () => (await status()) === "submitted",
        "the approval to lapse",
      );
      const story = await findStoryById(ts.store.db, storyId);
      expect(story?.approved_digest).toBeNull();
      const lapse = (await listEvents(ts.store.db, storyId)).at(-1);
      expect(lapse).toMatchObject({
        kind: "approval-lapsed",
        actor_id: editor.id,
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
      await transitionStory(ts.store, editor, storyId, {
        to: "draft",
        note: "One more fix.",
      });
      await transitionStory(ts.store, reporter, storyId, { to: "submitted" });
      const client = await openAsEditor();
      appendParagraph(client.doc, "Changed while in review.");
      await client.saved();
      await transitionStory(ts.store, editor, storyId, { to: "approved" });
      // As the app announces every move of a story.
      const announced = await fetch(eventsUrl(server.url), {
        method: "POST",
        body: await signNewsroomEvent(
          { type: "story", storyId, access: true },
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
