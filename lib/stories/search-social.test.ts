import { beforeEach, describe, expect, it } from "vitest";
import { listEvents } from "../db/events";
import { storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findArticle } from "../site/articles";
import { newsArticleJsonLd, searchTitle, socialCard } from "../site/seo";
import { storyWithParagraph, publishThroughDesk } from "./testing";
import { transitionStory, updateStory } from "./commands";
import { liveChanges } from "./live-changes";
import { updateStoryBody } from "./requests";
import { SEARCH_SOCIAL_LIMITS } from "./search-social";

const site = {
  name: "The Herald",
  baseUrl: "https://herald.example",
  language: "en",
};

describe("the search and social request body", () => {
  it("keeps each text on one line, clears with an empty string or null, and refuses long ones", () => {
    expect(
      updateStoryBody.parse({
        seoTitle: "  Bridge \n reopens   today ",
        socialHeadline: "",
        socialDescription: null,
      }),
    ).toEqual({
      seoTitle: "Bridge reopens today",
      socialHeadline: null,
      socialDescription: null,
    });
    expect(updateStoryBody.parse({})).toEqual({});
    for (const [key, max] of Object.entries(SEARCH_SOCIAL_LIMITS)) {
      expect(
        updateStoryBody.safeParse({ [key]: "x".repeat(max) }).success,
      ).toBe(true);
      expect(
        updateStoryBody.safeParse({ [key]: "x".repeat(max + 1) }).success,
      ).toBe(false);
    }
    // Never a value of another type: an array or a number is refused, not stringified.
    expect(updateStoryBody.safeParse({ seoTitle: ["a", "b"] }).success).toBe(
      false,
    );
    expect(updateStoryBody.safeParse({ socialHeadline: 5 }).success).toBe(
      false,
    );
    expect(updateStoryBody.safeParse({ seoTile: "typo" }).success).toBe(false);
  });
});

for (const variant of storeVariants()) {
  describe(`search and social overrides (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = await storyWithParagraph(
        desk.store,
        desk.reporter,
        "Bridge reopens",
        "The Mapo bridge reopened on Monday.",
      );
    });

    it("are set by the desk only, recorded, and reach the page, its cards and its JSON-LD with the next publication", async () => {
      await expect(
        updateStory(desk.store, desk.reporter, storyId, { seoTitle: "Mine" }),
      ).rejects.toMatchObject({ code: "forbidden" });
      // Sending the values a story already has is no change, and no refusal.
      await updateStory(desk.store, desk.reporter, storyId, { seoTitle: null });

      await publishThroughDesk(desk.store, desk.reporter, desk.editor, storyId);
      const plain = (await findArticle(desk.store.db, "bridge-reopens"))!;
      expect(searchTitle(plain)).toBe("Bridge reopens");
      expect(socialCard(plain)).toEqual({
        title: "Bridge reopens",
        description: "The Mapo bridge reopened on Monday.",
      });
      expect(newsArticleJsonLd(site, plain)).not.toHaveProperty(
        "alternativeHeadline",
      );

      const details = await updateStory(desk.store, desk.editor, storyId, {
        seoTitle: "Mapo bridge reopens in Seoul",
        socialHeadline: "The bridge is back",
        socialDescription: "Drivers return to the Mapo bridge.",
      });
      expect(details.searchSocial).toEqual({
        seoTitle: "Mapo bridge reopens in Seoul",
        socialHeadline: "The bridge is back",
        socialDescription: "Drivers return to the Mapo bridge.",
      });
      expect(details.history.at(-1)).toMatchObject({
        kind: "search-social-changed",
        note: "SEO title, social headline, social description",
        actor: { name: "Ed Editor" },
      });
      // Not live until republished, and the bar says the live page is behind.
      expect(
        searchTitle((await findArticle(desk.store.db, "bridge-reopens"))!),
      ).toBe("Bridge reopens");
      expect(
        (await liveChanges(desk.store, desk.editor, storyId)).differs,
      ).toEqual(["details"]);

      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      const live = (await findArticle(desk.store.db, "bridge-reopens"))!;
      expect(searchTitle(live)).toBe("Mapo bridge reopens in Seoul");
      expect(socialCard(live)).toEqual({
        title: "The bridge is back",
        description: "Drivers return to the Mapo bridge.",
      });
      expect(newsArticleJsonLd(site, live)).toMatchObject({
        headline: "Mapo bridge reopens in Seoul",
        alternativeHeadline: "Bridge reopens",
      });
      expect(
        (await liveChanges(desk.store, desk.editor, storyId)).differs,
      ).toEqual([]);

      // Clearing one falls back to the headline again; an unchanged value records nothing.
      const events = (await listEvents(desk.store.db, storyId)).length;
      const cleared = await updateStory(desk.store, desk.editor, storyId, {
        seoTitle: "",
        socialHeadline: "The bridge is back",
      });
      expect(cleared.searchSocial.seoTitle).toBeNull();
      expect(cleared.history.at(-1)?.note).toBe("SEO title");
      expect((await listEvents(desk.store.db, storyId)).length).toBe(
        events + 1,
      );
    });
  });
}
