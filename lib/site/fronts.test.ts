import { describe, expect, it } from "vitest";
import { createStory, findStoryById } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { useTestDesk, type TestDesk } from "../db/test-desk";
import { figureJson } from "../editor/figure";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { publishStory, unpublishStory } from "../stories/publishing";
import {
  FRONT_PAGE_SIZE,
  loadHome,
  loadSectionPage,
  loadTagPage,
} from "./fronts";

const DESK = ["National", "Politics", "North Korea"];

async function published(
  desk: TestDesk<"reporter" | "editor">,
  headline: string,
  options: {
    section?: string;
    tags?: string[];
    photo?: boolean;
    at: string;
  },
) {
  const story = await createStory(desk.store, {
    author: desk.reporter,
    headline,
    section: options.section ?? null,
    initialDocument: encodeInitialStoryDocument({
      headline,
      body: {
        type: "doc",
        content: [
          ...(options.photo
            ? [
                figureJson({
                  src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
                  alt: "",
                  credit: "",
                  width: 1600,
                  height: 1000,
                  caption: "A photo",
                }),
              ]
            : []),
          { type: "paragraph", content: [{ type: "text", text: headline }] },
        ],
      },
      meta: { section: options.section ?? null, tags: options.tags ?? [] },
    }),
  });
  await publishStory(
    desk.store,
    (await findStoryById(desk.store.db, story.id))!,
    desk.editor,
    undefined,
    undefined,
    { publishedAt: options.at },
  );
  return (await findStoryById(desk.store.db, story.id))!;
}

for (const variant of storeVariants()) {
  describe(`the site's fronts on ${variant.name}`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter"],
      editor: ["editor"],
    });

    it("lists a tag's live stories newest first, in the newest spelling, and forgets unpublished ones", async () => {
      const market = await published(desk, "Night market closes", {
        tags: ["Food", "Busan"],
        at: "2024-10-18T02:30:00.000Z",
      });
      const brewery = await published(desk, "Brewery exports", {
        tags: ["food", "북한"],
        at: "2024-10-19T02:30:00.000Z",
      });
      await published(desk, "Untagged", { at: "2024-10-20T00:00:00.000Z" });

      const food = await loadTagPage(desk.store.db, "food", 1);
      expect(food).toMatchObject({
        tag: { name: "food", slug: "food" },
        total: 2,
        page: 1,
        pageCount: 1,
      });
      expect(food!.articles.map((a) => a.slug)).toEqual([
        brewery.slug,
        market.slug,
      ]);
      expect((await loadTagPage(desk.store.db, "북한", 1))?.tag.name).toBe(
        "북한",
      );
      expect(await loadTagPage(desk.store.db, "food", 2)).toBeUndefined();
      expect(
        await loadTagPage(desk.store.db, "no-such-tag", 1),
      ).toBeUndefined();

      await unpublishStory(desk.store, brewery, desk.editor);
      expect(await loadTagPage(desk.store.db, "북한", 1)).toBeUndefined();
      const after = await loadTagPage(desk.store.db, "food", 1);
      expect(after?.tag.name).toBe("Food");
      expect(after!.articles.map((a) => a.slug)).toEqual([market.slug]);
    });

    it("pages a tag ten stories at a time", async () => {
      for (let i = 0; i < FRONT_PAGE_SIZE + 2; i++)
        await published(desk, `Story ${i}`, {
          tags: ["Weather"],
          at: new Date(Date.UTC(2024, 9, 1, i)).toISOString(),
        });
      const first = await loadTagPage(desk.store.db, "weather", 1);
      const second = await loadTagPage(desk.store.db, "weather", 2);
      expect(first?.articles).toHaveLength(FRONT_PAGE_SIZE);
      expect(first?.articles[0]?.headline).toBe(`Story ${FRONT_PAGE_SIZE + 1}`);
      expect(second).toMatchObject({ total: 12, page: 2, pageCount: 2 });
      expect(second!.articles.map((a) => a.headline)).toEqual([
        "Story 1",
        "Story 0",
      ]);
      expect(await loadTagPage(desk.store.db, "weather", 3)).toBeUndefined();
    });

    it("answers a desk section without stories with one empty page, and nothing for other sections", async () => {
      const story = await published(desk, "Troops", {
        section: "North Korea",
        at: "2024-10-18T05:03:00.000Z",
      });
      expect(await loadSectionPage(desk.store.db, "politics", 1, DESK)).toEqual(
        {
          section: {
            name: "Politics",
            slug: "politics",
            count: 0,
            latestAt: "",
          },
          articles: [],
          page: 1,
          pageCount: 1,
        },
      );
      expect(
        await loadSectionPage(desk.store.db, "politics", 2, DESK),
      ).toBeUndefined();
      expect(
        await loadSectionPage(desk.store.db, "no-such-section", 1, DESK),
      ).toBeUndefined();
      const live = await loadSectionPage(desk.store.db, "north-korea", 1, DESK);
      expect(live?.articles.map((a) => a.slug)).toEqual([story.slug]);
      // A section off the desk's list still has its page while it has stories.
      expect(
        await loadSectionPage(desk.store.db, "north-korea", 1, []),
      ).toMatchObject({
        section: { name: "North Korea", count: 1 },
      });
      await unpublishStory(desk.store, story, desk.editor);
      expect(
        await loadSectionPage(desk.store.db, "north-korea", 1, []),
      ).toBeUndefined();
      expect(
        (await loadSectionPage(desk.store.db, "north-korea", 1, DESK))
          ?.articles,
      ).toEqual([]);
    });

    it("leads the front page with the newest story that has a photo, and shows each story once", async () => {
      const older = await published(desk, "Oldest", {
        section: "Business",
        at: "2024-10-01T00:00:00.000Z",
      });
      const lead = await published(desk, "With photo", {
        section: "National",
        photo: true,
        at: "2024-10-02T00:00:00.000Z",
      });
      const newer = [];
      for (let i = 0; i < 8; i++)
        newer.unshift(
          await published(desk, `Newer ${i}`, {
            section: "National",
            at: new Date(Date.UTC(2024, 9, 3 + i)).toISOString(),
          }),
        );
      const home = await loadHome(desk.store.db);
      expect(home.lead?.slug).toBe(lead.slug);
      expect(home.latest.map((a) => a.slug)).toEqual(newer.map((s) => s.slug));
      // National's stories are all on the page already; Business's one is not.
      expect(
        home.sections.map((b) => [
          b.section.name,
          b.articles.map((a) => a.slug),
        ]),
      ).toEqual([["Business", [older.slug]]]);
    });
  });
}
