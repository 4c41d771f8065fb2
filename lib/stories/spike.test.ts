import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { reportPresence } from "../db/presence";
import { listStories } from "../db/story-rows";
import {
  createTestUser,
  paragraphUpdate,
  storeVariants,
  type TestStore,
} from "../db/testing";
import type { UserRow } from "../db/users";
import { createStoryFor, transitionStory } from "./commands";
import { restoreSpikedStory, spikeStory, sweepStories } from "./spike";
import { dashboard } from "./story-list";

for (const variant of storeVariants()) {
  describe(`spiking stories (${variant.name})`, () => {
    let ts: TestStore;
    let rita: UserRow;
    let cole: UserRow;
    let ed: UserRow;
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const listed = async () =>
      (await listStories(ts.store.db)).map((s) => s.headline);
    const story = async (headline: string, text?: string) => {
      const id = (await createStoryFor(ts.store, rita, headline)).id;
      if (text) {
        const doc = await loadStoryDoc(ts.store, id);
        await appendDocumentUpdates(ts.store, id, [paragraphUpdate(doc, text)]);
      }
      return id;
    };
    const setStory = (id: string, values: Record<string, string | number>) =>
      ts.store.db
        .updateTable("stories")
        .set(values)
        .where("id", "=", id)
        .execute();

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      cole = await createTestUser(ts.store, "reporter", "Cole Colleague");
      ed = await createTestUser(ts.store, "editor", "Ed Editor");
    });
    afterEach(async () => ts.cleanup());

    it("takes a draft out of the lists for its authors and the desk; only the desk restores it", async () => {
      const id = await story("Harbour reopens", "Monday.");
      expect(await refusal(spikeStory(ts.store, cole, id))).toBe("forbidden");
      await spikeStory(ts.store, rita, id);
      expect(await listed()).not.toContain("Harbour reopens");
      expect(await refusal(spikeStory(ts.store, ed, id))).toBe("conflict");
      // The desk's list has it under "Spiked"; the reporter's has it nowhere.
      const desk = await dashboard(ts.store, ed);
      expect(
        desk.find((g) => g.key === "spiked")?.stories.map((s) => s.headline),
      ).toEqual(["Harbour reopens"]);
      const ritas = await dashboard(ts.store, rita);
      expect(ritas.flatMap((g) => g.stories)).toEqual([]);

      expect(await refusal(restoreSpikedStory(ts.store, rita, id))).toBe(
        "forbidden",
      );
      await restoreSpikedStory(ts.store, ed, id);
      expect(await listed()).toContain("Harbour reopens");
    });

    it("never spikes a story that was published", async () => {
      const id = await story("Budget passes", "By seven votes.");
      await transitionStory(ts.store, rita, id, { to: "submitted" });
      await transitionStory(ts.store, ed, id, { to: "approved" });
      await transitionStory(ts.store, ed, id, { to: "published" });
      await transitionStory(ts.store, rita, id, { to: "draft" });
      expect(await refusal(spikeStory(ts.store, ed, id))).toBe("conflict");
    });

    it("deletes stories spiked 30 days ago, and blank drafts nobody touched for an hour", async () => {
      const now = new Date();
      const old = await story("Spiked long ago", "Gone.");
      const recent = await story("Spiked lately", "Kept.");
      await spikeStory(ts.store, rita, old);
      await spikeStory(ts.store, rita, recent);
      const daysAgo = (d: number) =>
        new Date(now.getTime() - d * 24 * 3600 * 1000).toISOString();
      await setStory(old, { spiked_at: daysAgo(31) });
      await setStory(recent, { spiked_at: daysAgo(29) });

      const hourAgo = new Date(now.getTime() - 61 * 60 * 1000).toISOString();
      const blank = await story("");
      const written = await story("", "A first line, no headline yet.");
      const open = await story("");
      for (const id of [blank, written, open])
        await setStory(id, { updated_at: hourAgo, word_count: 0 });
      await reportPresence(ts.store, "server-1", [
        { storyId: open, userId: rita.id },
      ]);
      const fresh = await story("");

      expect((await sweepStories(ts.store, now)).sort()).toEqual(
        [old, blank].sort(),
      );
      const left = (
        await ts.store.db.selectFrom("stories").select("id").execute()
      ).map((r) => r.id);
      expect(left.sort()).toEqual([recent, written, open, fresh].sort());
    });
  });
}
