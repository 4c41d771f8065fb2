import { Migrator, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../db/client";
import { allMigrations } from "../db/migrations";
import { createStory, findStoryById } from "../db/story-rows";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { useTestDesk, type TestDesk } from "../db/test-desk";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { publishStory, unpublishStory } from "../stories/publishing";
import { findArticle } from "./articles";
import { CORRECTIONS_PAGE_SIZE, loadCorrectionsPage } from "./corrections";
import { newsArticleJsonLd } from "./seo";

type Desk = TestDesk<"reporter" | "editor">;

async function liveStory(desk: Desk, headline: string) {
  const story = await createStory(desk.store, {
    author: desk.reporter,
    headline,
    initialDocument: encodeInitialStoryDocument({
      headline,
      body: {
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Text." }] },
        ],
      },
    }),
  });
  await publishStory(
    desk.store,
    (await findStoryById(desk.store.db, story.id))!,
    desk.editor,
  );
  return story.id;
}

async function republish(
  desk: Desk,
  id: string,
  kind: "correction" | "clarification",
  text: string,
) {
  await publishStory(
    desk.store,
    (await findStoryById(desk.store.db, id))!,
    desk.editor,
    undefined,
    {
      kind,
      text,
    },
  );
}

const site = {
  name: "The Herald",
  baseUrl: "https://herald.example",
  language: "en",
};

for (const variant of storeVariants()) {
  describe(`corrections on ${variant.name}`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter"],
      editor: ["editor"],
    });

    it("lists the corrections of live stories across the site, newest first, and leaves out a story taken off the site", async () => {
      expect(await loadCorrectionsPage(desk.store.db, 1)).toEqual({
        corrections: [],
        total: 0,
        page: 1,
        pageCount: 1,
      });
      expect(await loadCorrectionsPage(desk.store.db, 2)).toBeUndefined();

      const port = await liveStory(desk, "Port reopens");
      const mayor = await liveStory(desk, "Mayor resigns");
      await republish(desk, port, "correction", "The port is in Busan.");
      await republish(desk, mayor, "clarification", "She resigned by letter.");
      await republish(desk, port, "clarification", "Ferries run at six.");

      const page = await loadCorrectionsPage(desk.store.db, 1);
      expect(
        page?.corrections.map((c) => [c.label, c.text, c.slug, c.headline]),
      ).toEqual([
        [
          "Clarification",
          "Ferries run at six.",
          "port-reopens",
          "Port reopens",
        ],
        [
          "Clarification",
          "She resigned by letter.",
          "mayor-resigns",
          "Mayor resigns",
        ],
        ["Correction", "The port is in Busan.", "port-reopens", "Port reopens"],
      ]);

      // The article keeps its own, newest first, and says so in its JSON-LD.
      const article = (await findArticle(desk.store.db, "port-reopens"))!;
      expect(article.corrections.map((c) => c.text)).toEqual([
        "Ferries run at six.",
        "The port is in Busan.",
      ]);
      expect(newsArticleJsonLd(site, article).correction).toEqual([
        {
          "@type": "CorrectionComment",
          name: "Clarification",
          text: "Ferries run at six.",
          datePublished: article.corrections[0]!.at,
        },
        {
          "@type": "CorrectionComment",
          name: "Correction",
          text: "The port is in Busan.",
          datePublished: article.corrections[1]!.at,
        },
      ]);
      const mayorArticle = (await findArticle(desk.store.db, "mayor-resigns"))!;
      await unpublishStory(
        desk.store,
        (await findStoryById(desk.store.db, mayor))!,
        desk.editor,
      );
      expect(
        (await loadCorrectionsPage(desk.store.db, 1))?.corrections.map(
          (c) => c.text,
        ),
      ).toEqual(["Ferries run at six.", "The port is in Busan."]);
      // An article without any carries no `correction` in its JSON-LD.
      expect(
        newsArticleJsonLd(site, { ...mayorArticle, corrections: [] }),
      ).not.toHaveProperty("correction");
    });

    it("pages the list", async () => {
      const id = await liveStory(desk, "Long story");
      for (let i = 0; i <= CORRECTIONS_PAGE_SIZE; i++)
        await republish(desk, id, "correction", `Note ${i}`);
      const second = await loadCorrectionsPage(desk.store.db, 2);
      expect(second).toMatchObject({
        total: CORRECTIONS_PAGE_SIZE + 1,
        pageCount: 2,
      });
      expect(second?.corrections.map((c) => c.text)).toEqual(["Note 0"]);
    });
  });
}

describe("migration 009", () => {
  let ts: TestStore;
  afterEach(async () => ts?.cleanup());

  it("keeps the corrections published before it, dated as their revisions", async () => {
    ts = await storeVariants()[0]!.create();
    // A store as it was before: every migration up to 008.
    const dataDir = ts.env.DATA_DIR!;
    const store = await openStore({ dataDir: `${dataDir}/old` });
    try {
      const migrations = allMigrations(store.kind);
      const migrator = new Migrator({
        db: store.db as Kysely<unknown>,
        provider: { getMigrations: async () => migrations },
      });
      expect(
        (await migrator.migrateTo("008-revision-tags")).error,
      ).toBeUndefined();
      const editor = await createTestUser(store, "editor");
      // The columns `stories` had then (later migrations add more).
      const story = {
        id: "00000000-0000-4000-8000-000000000009",
        slug: "old-story",
      };
      const old = store.db as unknown as Kysely<{
        stories: Record<string, string | number | null>;
      }>;
      await old
        .insertInto("stories")
        .values({
          ...story,
          status: "published",
          headline: "Old story",
          section: null,
          created_by: editor.id,
          created_at: "2024-10-18T00:00:00.000Z",
          updated_at: "2024-10-19T01:00:00.000Z",
          first_published_at: null,
          live_revision_id: null,
        })
        .execute();
      const revision = {
        story_id: story.id,
        slug: "old-story",
        headline: "Old story",
        deck: "",
        body_html: "<p>Text.</p>",
        bylines: "[]",
        section: null,
        tags: "[]",
        dateline: null,
        lead_image: null,
        word_count: 1,
        published_by: editor.id,
      };
      await store.db
        .insertInto("published_revisions")
        .values([
          {
            ...revision,
            id: "r1",
            published_at: "2024-10-18T01:00:00.000Z",
            correction_note: null,
          },
          {
            ...revision,
            id: "r2",
            published_at: "2024-10-19T01:00:00.000Z",
            correction_note: " Misspelt a name. ",
          },
        ])
        .execute();
      await store.db
        .updateTable("stories")
        .set({
          live_revision_id: "r2",
          first_published_at: "2024-10-18T01:00:00.000Z",
        })
        .where("id", "=", story.id)
        .execute();

      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const article = await findArticle(store.db, story.slug);
      expect(article?.corrections).toEqual([
        {
          kind: "correction",
          label: "Correction",
          text: "Misspelt a name.",
          at: "2024-10-19T01:00:00.000Z",
        },
      ]);
    } finally {
      await store.destroy();
    }
  });
});
