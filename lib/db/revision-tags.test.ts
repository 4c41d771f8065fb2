import type { Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { revisionTagsSchema } from "./migrations/008-revision-tags";
import { insertRevision, revisionTagRows } from "./revisions";
import { createStory } from "./story-rows";
import { createTestUser, storeVariants, type TestStore } from "./testing";

describe("a revision's tags by slug", () => {
  it("keeps one row per slug in the first spelling, and skips tags without a slug", () => {
    expect(
      revisionTagRows(
        "r1",
        JSON.stringify(["Food", " food", "북한", "!!", "Jeju Island"]),
      ),
    ).toEqual([
      { revision_id: "r1", slug: "food", name: "Food" },
      { revision_id: "r1", slug: "북한", name: "북한" },
      { revision_id: "r1", slug: "jeju-island", name: "Jeju Island" },
    ]);
    expect(revisionTagRows("r1", "not json")).toEqual([]);
    expect(revisionTagRows("r1", JSON.stringify({ tags: 1 }))).toEqual([]);
  });
});

for (const variant of storeVariants()) {
  describe(`revision_tags on ${variant.name}`, () => {
    let ts: TestStore;
    afterEach(async () => ts?.cleanup());

    it("is written with each revision, and the migration fills it from revisions published before it", async () => {
      ts = await variant.create();
      const author = await createTestUser(ts.store, "reporter");
      const story = await createStory(ts.store, {
        author,
        headline: "Tagged",
        initialDocument: encodeInitialStoryDocument({ headline: "Tagged" }),
      });
      await insertRevision(ts.store.db, {
        id: "rev-1",
        story_id: story.id,
        slug: story.slug,
        headline: "Tagged",
        deck: "",
        body_html: "<p>Text</p>",
        bylines: "[]",
        section: null,
        tags: JSON.stringify(["Food", "Busan"]),
        dateline: null,
        lead_image: null,
        word_count: 1,
        published_at: "2024-10-18T05:03:00.000Z",
        published_by: author.id,
        correction_note: null,
        seo_title: null,
        social_headline: null,
        social_description: null,
      });
      const rows = () =>
        ts.store.db
          .selectFrom("revision_tags")
          .select(["revision_id", "slug", "name"])
          .orderBy("slug")
          .execute();
      const expected = [
        { revision_id: "rev-1", slug: "busan", name: "Busan" },
        { revision_id: "rev-1", slug: "food", name: "Food" },
      ];
      expect(await rows()).toEqual(expected);

      // As on a store whose revisions predate the table.
      await ts.store.db.schema.dropTable("revision_tags").execute();
      await revisionTagsSchema.up(ts.store.db as Kysely<unknown>);
      expect(await rows()).toEqual(expected);
    });
  });
}
