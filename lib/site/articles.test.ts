import { afterEach, describe, expect, it } from "vitest";
import { figureJson } from "../editor/figure";
import { publishedContentVersion } from "../db/content-version";
import { countLiveArticles } from "../db/live-articles";
import { addPageViews } from "../db/page-views";
import { findStoryById, createStory } from "../db/story-rows";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import type { UserRow } from "../db/users";
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
  ts: TestStore,
  author: UserRow,
  editor: UserRow,
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
  const story = await createStory(ts.store, {
    author,
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
    ts.store,
    (await findStoryById(ts.store.db, story.id))!,
    editor,
  );
  return (await findStoryById(ts.store.db, story.id))!;
}

for (const variant of storeVariants()) {
  describe(`the public site's reads on ${variant.name}`, () => {
    let ts: TestStore;
    afterEach(async () => ts?.cleanup());

    it("lists live articles newest first, by section, with their lead photo", async () => {
      ts = await variant.create();
      const reporter = await createTestUser(ts.store, "reporter");
      const editor = await createTestUser(ts.store, "editor");
      const a = await publishedStory(ts, reporter, editor, "First story", {
        section: "North Korea",
        photo: true,
      });
      const b = await publishedStory(ts, reporter, editor, "Second story", {
        section: "Business",
      });
      const c = await publishedStory(ts, reporter, editor, "Third story", {
        section: "North Korea",
      });

      const latest = await listArticles(ts.store.db, { limit: 10 });
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
          await listArticles(ts.store.db, {
            section: "North Korea",
            limit: 1,
            offset: 1,
          })
        ).map((t) => t.slug),
      ).toEqual([a.slug]);
      expect(await countLiveArticles(ts.store.db, "North Korea")).toBe(2);
      expect(await countLiveArticles(ts.store.db)).toBe(3);
      expect(
        (await listSections(ts.store.db)).map((s) => [s.slug, s.count]),
      ).toEqual([
        ["north-korea", 2],
        ["business", 1],
      ]);

      const article = await findArticle(ts.store.db, a.slug);
      expect(article).toMatchObject({
        headline: "First story",
        bylines: [{ name: "Ji Da-gyum", email: "dagyumji@heraldcorp.com" }],
        corrections: [],
      });
      expect(article?.bodyHtml).toContain("<figure");
    });

    it("ranks Most popular by views of the last 48 hours, live stories only", async () => {
      ts = await variant.create();
      const reporter = await createTestUser(ts.store, "reporter");
      const editor = await createTestUser(ts.store, "editor");
      const a = await publishedStory(ts, reporter, editor, "Quiet story");
      const b = await publishedStory(ts, reporter, editor, "Busy story");
      const c = await publishedStory(ts, reporter, editor, "Pulled story");
      const now = new Date();
      await addPageViews(
        ts.store.db,
        new Map([
          [a.id, 2],
          [b.id, 5],
          [c.id, 9],
        ]),
        now,
      );
      // Old views fall outside the window.
      await addPageViews(
        ts.store.db,
        new Map([[a.id, 100]]),
        new Date(now.getTime() - 50 * 3_600_000),
      );
      await unpublishStory(ts.store, c, editor);
      const popular = await listPopular(ts.store.db, windowStart(now, 48), 5);
      expect(popular.map((p) => [p.headline, p.views])).toEqual([
        ["Busy story", 5],
        ["Quiet story", 2],
      ]);
    });

    it("resolves slugs: live, moved (old slug), gone (unpublished) and missing", async () => {
      ts = await variant.create();
      const reporter = await createTestUser(ts.store, "reporter");
      const editor = await createTestUser(ts.store, "editor");
      const story = await publishedStory(ts, reporter, editor, "Old headline");
      const draft = await createStory(ts.store, {
        author: reporter,
        headline: "Secret draft",
        initialDocument: encodeInitialStoryDocument({
          headline: "Secret draft",
        }),
      });
      expect(await resolveArticleSlug(ts.store.db, "old-headline")).toEqual({
        kind: "live",
        storyId: story.id,
        slug: "old-headline",
      });
      expect(await resolveArticleSlug(ts.store.db, draft.slug)).toEqual({
        kind: "missing",
      });
      expect(await resolveArticleSlug(ts.store.db, "no-such-story")).toEqual({
        kind: "missing",
      });

      const before = await publishedContentVersion(ts.store.db);
      expect(await renameStorySlug(ts.store, story.id, "new-headline")).toEqual(
        {
          slug: "new-headline",
          redirectFrom: "old-headline",
        },
      );
      expect(await publishedContentVersion(ts.store.db)).not.toBe(before);
      expect(await resolveArticleSlug(ts.store.db, "old-headline")).toEqual({
        kind: "moved",
        storyId: story.id,
        slug: "new-headline",
      });
      expect((await findArticle(ts.store.db, "new-headline"))?.slug).toBe(
        "new-headline",
      );
      expect(await findArticle(ts.store.db, "old-headline")).toBeUndefined();

      // A second rename keeps both old addresses pointing at the current one.
      await renameStorySlug(ts.store, story.id, "newest-headline");
      expect(
        await resolveArticleSlug(ts.store.db, "old-headline"),
      ).toMatchObject({
        kind: "moved",
        slug: "newest-headline",
      });
      expect(
        await resolveArticleSlug(ts.store.db, "new-headline"),
      ).toMatchObject({
        kind: "moved",
        slug: "newest-headline",
      });

      const versionBeforeUnpublish = await publishedContentVersion(ts.store.db);
      await unpublishStory(
        ts.store,
        (await findStoryById(ts.store.db, story.id))!,
        editor,
      );
      expect(await publishedContentVersion(ts.store.db)).not.toBe(
        versionBeforeUnpublish,
      );
      expect(await resolveArticleSlug(ts.store.db, "newest-headline")).toEqual({
        kind: "gone",
        storyId: story.id,
      });
      expect(await resolveArticleSlug(ts.store.db, "old-headline")).toEqual({
        kind: "gone",
        storyId: story.id,
      });
      expect(await findArticle(ts.store.db, "newest-headline")).toBeUndefined();
      const unpublished = (await findStoryById(ts.store.db, story.id))!;
      expect(unpublished).toMatchObject({
        status: "unpublished",
        live_revision_id: null,
      });
      await expect(
        unpublishStory(ts.store, unpublished, editor),
      ).rejects.toMatchObject({
        code: "conflict",
      });

      // Publishing again brings the page back at the same address, with a correction note.
      await publishStory(ts.store, unpublished, editor, undefined, {
        kind: "correction",
        text: "An earlier version misnamed the port.",
      });
      expect(await findArticle(ts.store.db, "newest-headline")).toMatchObject({
        corrections: [
          {
            kind: "correction",
            label: "Correction",
            text: "An earlier version misnamed the port.",
          },
        ],
      });
    });

    it("renames without a redirect before publication, and refuses taken or bad slugs", async () => {
      ts = await variant.create();
      const reporter = await createTestUser(ts.store, "reporter");
      const editor = await createTestUser(ts.store, "editor");
      const live = await publishedStory(ts, reporter, editor, "Live story");
      await renameStorySlug(ts.store, live.id, "live-story-renamed");
      const draft = await createStory(ts.store, {
        author: reporter,
        headline: "Draft story",
        initialDocument: encodeInitialStoryDocument({
          headline: "Draft story",
        }),
      });
      expect(
        await renameStorySlug(ts.store, draft.id, "draft-renamed"),
      ).toEqual({
        slug: "draft-renamed",
        redirectFrom: null,
      });
      expect(await resolveArticleSlug(ts.store.db, "draft-story")).toEqual({
        kind: "missing",
      });
      await expect(
        renameStorySlug(ts.store, draft.id, "Not A Slug"),
      ).rejects.toMatchObject({
        code: "validation_failed",
      });
      await expect(
        renameStorySlug(ts.store, draft.id, "live-story-renamed"),
      ).rejects.toMatchObject({ code: "conflict" });
      await expect(
        renameStorySlug(ts.store, draft.id, "live-story"),
      ).rejects.toMatchObject({
        code: "conflict",
      });
      await expect(
        renameStorySlug(
          ts.store,
          "00000000-0000-4000-8000-000000000000",
          "whatever",
        ),
      ).rejects.toMatchObject({ code: "not_found" });
      // Back to an old address of its own: that redirect is dropped.
      await renameStorySlug(ts.store, live.id, "live-story");
      expect(await resolveArticleSlug(ts.store.db, "live-story")).toMatchObject(
        {
          kind: "live",
        },
      );
      expect(
        await resolveArticleSlug(ts.store.db, "live-story-renamed"),
      ).toMatchObject({
        kind: "moved",
        slug: "live-story",
      });
    });
  });
}
