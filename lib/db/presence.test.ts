import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PRESENCE_TTL_MS, presentUsers, reportPresence } from "./presence";
import { createStory } from "./story-rows";
import { createTestUser, storeVariants, type TestStore } from "./testing";
import type { UserRow } from "./users";

for (const variant of storeVariants()) {
  describe(`presence reports (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let ed: UserRow;
    let harbour: string;
    let ferry: string;

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      ed = await createTestUser(ts.store, "editor", "Ed Editor");
      const story = async (headline: string) =>
        (
          await createStory(ts.store, {
            author: rita,
            headline,
            initialDocument: new Uint8Array([0, 0]),
          })
        ).id;
      harbour = await story("Harbour reopens");
      ferry = await story("Ferries resume");
    });
    afterEach(() => ts.cleanup());

    const present = async () => {
      const users = await presentUsers(ts.store.db, [harbour, ferry]);
      return {
        harbour: [...(users.get(harbour) ?? [])].sort(),
        ferry: [...(users.get(ferry) ?? [])].sort(),
      };
    };

    it("holds exactly the pairs last reported, per server", async () => {
      await reportPresence(ts.store, "server-a", [
        { storyId: harbour, userId: rita.id },
        { storyId: harbour, userId: ed.id },
      ]);
      await reportPresence(ts.store, "server-b", [
        { storyId: ferry, userId: ed.id },
      ]);
      await reportPresence(ts.store, "server-a", [
        { storyId: harbour, userId: ed.id },
        { storyId: ferry, userId: rita.id },
      ]);
      expect(await present()).toEqual({
        harbour: [ed.id],
        ferry: [ed.id, rita.id].sort(),
      });

      await reportPresence(ts.store, "server-a", []);
      expect(await present()).toEqual({ harbour: [], ferry: [ed.id] });
    });

    it("refreshes unchanged pairs, so that they do not expire", async () => {
      const pairs = [{ storyId: harbour, userId: rita.id }];
      await reportPresence(ts.store, "server-a", pairs);
      await ts.store.db
        .updateTable("story_presence")
        .set({
          seen_at: new Date(Date.now() - PRESENCE_TTL_MS - 1).toISOString(),
        })
        .execute();
      expect((await present()).harbour).toEqual([]);
      await reportPresence(ts.store, "server-a", pairs);
      expect((await present()).harbour).toEqual([rita.id]);
    });
  });
}
