import { describe, expect, it } from "vitest";
import { figureJson } from "../editor/figure";
import { publishedContentVersion } from "../db/content-version";
import { countLiveArticles } from "../db/live-articles";
import { addPageViews } from "../db/page-views";
import { findStoryById, createStory } from "../db/story-rows";
import { storeVariants } from "../db/testing";
import { useTestDesk, type TestDesk } from "../db/test-desk";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { publishStory, unpublishStory } from "../stories/publishing";
import {
  findArticle,
  listArticles,
  listPopular,
  listSections,
  resolveArticleSlug,
} from "./articles";
import { renameStorySlug } from "../stories/slugs";
import { windowStart } from "./views";

async function publishedStory(
  desk: TestDesk<"reporter" | "editor">,
  headline: string,
  options: { section?: string; photo?: boolean } = {},
) {
  const body = [
    ...(options.photo
      ? [
          figureJson({
            src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
            alt: "A port",
            credit: "Agency",
            width: 1600,
            height: 1000,
            caption: "The port",
          }),
        ]
      : []),
    { type: "paragraph", content: [{ type: "text", text: `${headline}.` }] },
  ];
  const story = await createStory(desk.store, {
    author: desk.reporter,
    headline,
    section: options.section ?? null,
    initialDocument: encodeInitialStoryDocument({
      headline,
      deck: `About ${headline}`,
      body: { type: "doc", content: body },
      meta: {
        section: options.section ?? null,
        bylines: [{ name: "Ji Da-gyum", email: "dagyumji@heraldcorp.com" }],
      },
    }),
  });
  await publishStory(
    desk.store,
    (await findStoryById(desk.store.db, story.id))!,
    desk.editor,
  );
  return (await findStoryById(desk.store.db, story.id))!;
}

for (const variant of storeVariants()) {
  describe(`the public site's reads on ${variant.name}`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter"],
      editor: ["editor"],
    });

    it("lists live articles newest first, by section, with their lead photo", async () => {
      const a = await publishedStory(desk, "First story", {
        section: "North Korea",
        photo: true,
      });
      const b = await publishedStory(desk, "Second story", {
        section: "Business",
      });
      const c = await publishedStory(desk, "Third story", {
        section: "North Korea",
      });

      const latest = await listArticles(desk.store.db, { limit: 10 });
      expect(latest.map((t) => t.slug)).toEqual([c.slug, b.slug, a.slug]);
      expect(latest[2]).toMatchObject({
        headline: "First story",
        deck: "About First story",
        section: "North Korea",
        sectionSlug: "north-korea",
        image: { alt: "A port", width: 1600, height: 1000 },
      });
      expect(
        (
          await listArticles(desk.store.db, {
            section: "North Korea",
            limit: 1,
            offset: 1,
          })
        ).map((t) => t.slug),
      ).toEqual([a.slug]);
      expect(await countLiveArticles(desk.store.db, "North Korea")).toBe(2);
      expect(await countLiveArticles(desk.store.db)).toBe(3);
      expect(
        (await listSections(desk.store.db)).map((s) => [s.slug, s.count]),
      ).toEqual([
        ["north-korea", 2],
        ["business", 1],
      ]);

      const article = await findArticle(desk.store.db, a.slug);
      expect(article).toMatchObject({
        headline: "First story",
        bylines: [{ name: "Ji Da-gyum", email: "dagyumji@heraldcorp.com" }],
        corrections: [],
      });
      expect(article?.bodyHtml).toContain("<figure");
    });

    it("ranks Most popular by views of the last 48 hours, live stories only", async () => {
      const a = await publishedStory(desk, "Quiet story");
      const b = await publishedStory(desk, "Busy story");
      const c = await publishedStory(desk, "Pulled story");
      const now = new Date();
      await addPageViews(
        desk.store.db,
        new Map([
          [a.id, 2],
          [b.id, 5],
          [c.id, 9],
        ]),
        now,
      );
      // Old views fall outside the window.
      await addPageViews(
        desk.store.db,
        new Map([[a.id, 100]]),
        new Date(now.getTime() - 50 * 3_600_000),
      );
      await unpublishStory(desk.store, c, desk.editor);
      const popular = await listPopular(desk.store.db, windowStart(now, 48), 5);
      expect(popular.map((p) => [p.headline, p.views])).toEqual([
        ["Busy story", 5],
        ["Quiet story", 2],
      ]);
    });

    it("resolves slugs: live, moved (old slug), gone (unpublished) and missing", async () => {
      const story = await publishedStory(desk, "Old headline");
      const draft = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Secret draft",
        initialDocument: encodeInitialStoryDocument({
          headline: "Secret draft",
        }),
      });
      expect(await resolveArticleSlug(desk.store.db, "old-headline")).toEqual({
        kind: "live",
        storyId: story.id,
        slug: "old-headline",
      });
      expect(await resolveArticleSlug(desk.store.db, draft.slug)).toEqual({
        kind: "missing",
      });
      expect(await resolveArticleSlug(desk.store.db, "no-such-story")).toEqual({
        kind: "missing",
      });

      const before = await publishedContentVersion(desk.store.db);
      expect(
        await renameStorySlug(desk.store, story.id, "new-headline"),
      ).toEqual({
        slug: "new-headline",
        redirectFrom: "old-headline",
      });
      expect(await publishedContentVersion(desk.store.db)).not.toBe(before);
      expect(await resolveArticleSlug(desk.store.db, "old-headline")).toEqual({
        kind: "moved",
        storyId: story.id,
        slug: "new-headline",
      });
      expect((await findArticle(desk.store.db, "new-headline"))?.slug).toBe(
        "new-headline",
      );
      expect(await findArticle(desk.store.db, "old-headline")).toBeUndefined();

      // A second rename keeps both old addresses pointing at the current one.
      await renameStorySlug(desk.store, story.id, "newest-headline");
      expect(
        await resolveArticleSlug(desk.store.db, "old-headline"),
      ).toMatchObject({
        kind: "moved",
        slug: "newest-headline",
      });
      expect(
        await resolveArticleSlug(desk.store.db, "new-headline"),
      ).toMatchObject({
        kind: "moved",
        slug: "newest-headline",
      });

      const versionBeforeUnpublish = await publishedContentVersion(
        desk.store.db,
      );
      await unpublishStory(
        desk.store,
        (await findStoryById(desk.store.db, story.id))!,
        desk.editor,
      );
      expect(await publishedContentVersion(desk.store.db)).not.toBe(
        versionBeforeUnpublish,
      );
      expect(
        await resolveArticleSlug(desk.store.db, "newest-headline"),
      ).toEqual({
        kind: "gone",
        storyId: story.id,
      });
      expect(await resolveArticleSlug(desk.store.db, "old-headline")).toEqual({
        kind: "gone",
        storyId: story.id,
      });
      expect(
        await findArticle(desk.store.db, "newest-headline"),
      ).toBeUndefined();
      const unpublished = (await findStoryById(desk.store.db, story.id))!;
      expect(unpublished).toMatchObject({
        status: "unpublished",
        live_revision_id: null,
      });
      await expect(
        unpublishStory(desk.store, unpublished, desk.editor),
      ).rejects.toMatchObject({
        code: "conflict",
      });

      // Publishing again brings the page back at the same address, with a correction note.
      await publishStory(desk.store, unpublished, desk.editor, undefined, {
        kind: "correction",
        text: "An earlier version misnamed the port.",
      });
      expect(await findArticle(desk.store.db, "newest-headline")).toMatchObject(
        {
          corrections: [
            {
              kind: "correction",
              label: "Correction",
              text: "An earlier version misnamed the port.",
            },
          ],
        },
      );
    });

    it("renames without a redirect before publication, and refuses taken or bad slugs", async () => {
      const live = await publishedStory(desk, "Live story");
      await renameStorySlug(desk.store, live.id, "live-story-renamed");
      const draft = await createStory(desk.store, {
        author: desk.reporter,
        headline: "Draft story",
        initialDocument: encodeInitialStoryDocument({
          headline: "Draft story",
        }),
      });
      expect(
        await renameStorySlug(desk.store, draft.id, "draft-renamed"),
      ).toEqual({
        slug: "draft-renamed",
        redirectFrom: null,
      });
      expect(await resolveArticleSlug(desk.store.db, "draft-story")).toEqual({
        kind: "missing",
      });
      await expect(
        renameStorySlug(desk.store, draft.id, "Not A Slug"),
      ).rejects.toMatchObject({
        code: "validation_failed",
      });
      await expect(
        renameStorySlug(desk.store, draft.id, "live-story-renamed"),
      ).rejects.toMatchObject({ code: "conflict" });
      await expect(
        renameStorySlug(desk.store, draft.id, "live-story"),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(
        renameStorySlug(
          desk.store,
          "00000000-0000-4000-8000-000000000000",
          "whatever",
        ),
      ).rejects.toMatchObject({ code: "not_found" });
      // Back to an old address of its own: that redirect is dropped.
      await renameStorySlug(desk.store, live.id, "live-story");
      expect(
        await resolveArticleSlug(desk.store.db, "live-story"),
      ).toMatchObject({
        kind: "live",
      });
      expect(
        await resolveArticleSlug(desk.store.db, "live-story-renamed"),
      ).toMatchObject({
        kind: "moved",
        slug: "live-story",
      });
    });
  });
}
