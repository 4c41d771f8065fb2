import { beforeEach, describe, expect, it } from "vitest";
import { findStoryById } from "../db/story-rows";
import { createTestUser, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { createStoryFor } from "./commands";
import { parseListFilter, passesFilter } from "./list-filters";
import { planStory } from "./planning";

for (const variant of storeVariants()) {
  describe(`planning a story (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      cole: ["reporter", "Cole Colleague"],
      ed: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.ed, "Harbour reopens"))
        .id;
    });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );

    it("lets the desk assign a reporter, who becomes an author, and set when it is due", async () => {
      const due = "2026-12-05T17:00:00.000Z";
      const first = await planStory(desk.store, desk.ed, storyId, {
        assigneeId: desk.rita.id,
        dueAt: due,
      });
      expect(first.assigned).toBe(desk.rita.id);
      expect(first.details.assignee?.name).toBe("Rita Reporter");
      expect(first.details.dueAt).toBe(due);
      expect(first.details.authors.map((a) => a.name)).toContain(
        "Rita Reporter",
      );
      // Assigned again to the same person: nobody is newly assigned.
      expect(
        (
          await planStory(desk.store, desk.ed, storyId, {
            assigneeId: desk.rita.id,
          })
        ).assigned,
      ).toBeNull();
      await planStory(desk.store, desk.ed, storyId, {
        assigneeId: null,
        dueAt: null,
      });
      const cleared = await findStoryById(desk.store.db, storyId);
      expect([cleared?.assignee_id, cleared?.due_at]).toEqual([null, null]);
    });

    it("leaves assigning and deadlines to the desk; the target length to whoever may edit", async () => {
      expect(
        await refusal(
          planStory(desk.store, desk.rita, storyId, {
            assigneeId: desk.rita.id,
          }),
        ),
      ).toBe("forbidden");
      expect(
        await refusal(
          planStory(desk.store, desk.rita, storyId, { targetWords: 600 }),
        ),
      ).toBe("forbidden");
      await planStory(desk.store, desk.ed, storyId, {
        assigneeId: desk.rita.id,
      });
      const planned = await planStory(desk.store, desk.rita, storyId, {
        targetWords: 600,
      });
      expect(planned.details.targetWords).toBe(600);
      expect(
        await refusal(
          planStory(desk.store, desk.cole, storyId, { targetWords: 300 }),
        ),
      ).toBe("forbidden");
      const deactivated = await createTestUser(desk.store, "reporter", "Gone");
      await desk.store.db
        .updateTable("users")
        .set({ deactivated_at: new Date().toISOString() })
        .where("id", "=", deactivated.id)
        .execute();
      expect(
        await refusal(
          planStory(desk.store, desk.ed, storyId, {
            assigneeId: deactivated.id,
          }),
        ),
      ).toBe("not_found");
    });

    it("filters the list: mine (authored or assigned), due today, overdue", async () => {
      // Noon where the test runs: an hour later is the same day in any time zone.
      const now = new Date(2026, 11, 5, 12);
      await planStory(desk.store, desk.ed, storyId, {
        assigneeId: desk.cole.id,
        dueAt: new Date(now.getTime() + 3600_000).toISOString(),
      });
      const story = (await findStoryById(desk.store.db, storyId))!;
      const view = (v: string) => parseListFilter({ view: v });
      expect(passesFilter(story, view("mine"), desk.cole.id, now)).toBe(true);
      expect(passesFilter(story, view("mine"), desk.rita.id, now)).toBe(false);
      expect(passesFilter(story, view("due-today"), desk.rita.id, now)).toBe(
        true,
      );
      expect(passesFilter(story, view("overdue"), desk.rita.id, now)).toBe(
        false,
      );
      const later = new Date(now.getTime() + 2 * 3600_000);
      expect(passesFilter(story, view("overdue"), desk.rita.id, later)).toBe(
        true,
      );
      expect(
        passesFilter(
          story,
          parseListFilter({ section: "Sports" }),
          desk.rita.id,
        ),
      ).toBe(false);
      // Nonsense in the address is ignored, not an error.
      expect(parseListFilter({ view: "<script>", author: "x" })).toEqual({
        view: "all",
      });
    });
  });
}
