import { describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { reportPresence } from "../db/presence";
import { listStories } from "../db/story-rows";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { createStoryFor, transitionStory } from "./commands";
import { restoreSpikedStory, spikeStory, sweepStories } from "./spike";
import { dashboard } from "./story-list";
import { publishThroughDesk } from "./testing";

for (const variant of storeVariants()) {
  describe(`spiking stories (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      cole: ["reporter", "Cole Colleague"],
      ed: ["editor", "Ed Editor"],
    });

    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const listed = async () =>
      (await listStories(desk.store.db)).map((s) => s.headline);
    const story = async (headline: string, text?: string) => {
      const id = (await createStoryFor(desk.store, desk.rita, headline)).id;
      if (text) {
        const doc = await loadStoryDoc(desk.store, id);
        await appendDocumentUpdates(desk.store, id, [
          paragraphUpdate(doc, text),
        ]);
      }
      return id;
    };
    const setStory = (id: string, values: Record<string, string | number>) =>
      desk.store.db
        .updateTable("stories")
        .set(values)
        .where("id", "=", id)
        .execute();

    it("takes a draft out of the lists for its authors and the desk; only the desk restores it", async () => {
      const id = await story("Harbour reopens", "Monday.");
      expect(await refusal(spikeStory(desk.store, desk.cole, id))).toBe(
        "forbidden",
      );
      await spikeStory(desk.store, desk.rita, id);
      expect(await listed()).not.toContain("Harbour reopens");
      expect(await refusal(spikeStory(desk.store, desk.ed, id))).toBe(
        "conflict",
      );
      // The desk's list has it under "Spiked"; the reporter's has it nowhere.
      const deskGroups = await dashboard(desk.store, desk.ed);
      expect(
        deskGroups
          .find((g) => g.key === "spiked")
          ?.stories.map((s) => s.headline),
      ).toEqual(["Harbour reopens"]);
      const ritas = await dashboard(desk.store, desk.rita);
      expect(ritas.flatMap((g) => g.stories)).toEqual([]);

      expect(await refusal(restoreSpikedStory(desk.store, desk.rita, id))).toBe(
        "forbidden",
      );
      await restoreSpikedStory(desk.store, desk.ed, id);
      expect(await listed()).toContain("Harbour reopens");
    });

    it("never spikes a story that was published", async () => {
      const id = await story("Budget passes", "By seven votes.");
      await publishThroughDesk(desk.store, desk.rita, desk.ed, id);
      await transitionStory(desk.store, desk.rita, id, { to: "draft" });
      expect(await refusal(spikeStory(desk.store, desk.ed, id))).toBe(
        "conflict",
      );
    });

    it("deletes stories spiked 30 days ago, and blank drafts nobody touched for an hour", async () => {
      const now = new Date();
      const old = await story("Spiked long ago", "Gone.");
      const recent = await story("Spiked lately", "Kept.");
      await spikeStory(desk.store, desk.rita, old);
      await spikeStory(desk.store, desk.rita, recent);
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
      await reportPresence(desk.store, "server-1", [
        { storyId: open, userId: desk.rita.id },
      ]);
      const fresh = await story("");

      expect((await sweepStories(desk.store, now)).sort()).toEqual(
        [old, blank].sort(),
      );
      const left = (
        await desk.store.db.selectFrom("stories").select("id").execute()
      ).map((r) => r.id);
      expect(left.sort()).toEqual([recent, written, open, fresh].sort());
    });
  });
}
