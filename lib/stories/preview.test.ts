import { beforeEach, describe, expect, it } from "vitest";
import { appendDocumentUpdates, loadStoryDoc } from "../db/documents";
import { paragraphUpdate, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { storyWithParagraph } from "./testing";
import { transitionStory, updateStory } from "./commands";
import { storyDetails } from "./details";
import { createPreviewLink, openPreview } from "./preview";
import {
  PREVIEW_TTL_SECONDS,
  signPreviewToken,
  verifyPreviewToken,
} from "./preview-token";

const secret = "a-secret-long-enough-for-the-app-000000";
const siteUrl = "https://herald.example";

function tokenOf(url: string): string {
  return url.slice(`${siteUrl}/preview/`.length);
}

describe("preview tokens", () => {
  it("open one story until they expire, and nothing signed otherwise", async () => {
    const now = Date.now();
    const { token, expiresAt } = await signPreviewToken(
      { storyId: "s1", liveRevisionId: null },
      secret,
      now,
    );
    expect(expiresAt).toBe(
      (Math.floor(now / 1000) + PREVIEW_TTL_SECONDS) * 1000,
    );
    expect(await verifyPreviewToken(token, secret, now)).toEqual({
      storyId: "s1",
      liveRevisionId: null,
      expiresAt,
    });
    expect(await verifyPreviewToken(token, secret, expiresAt + 1000)).toBe(
      null,
    );
    expect(await verifyPreviewToken(token, `${secret}-other`, now)).toBe(null);
    const [head, , sig] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "s2", live: null, exp: 9e9 }),
    ).toString("base64url");
    expect(await verifyPreviewToken(`${head}.${forged}.${sig}`, secret)).toBe(
      null,
    );
    expect(await verifyPreviewToken("not-a-token", secret)).toBe(null);
  });
});

for (const variant of storeVariants()) {
  describe(`preview links (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      reporter: ["reporter", "Rita Reporter"],
      editor: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = await storyWithParagraph(
        desk.store,
        desk.reporter,
        "Harbour reopens",
        "Ferries resume at six.",
      );
    });

    it("show the draft as it stands, until the story is published, then its live page", async () => {
      const link = await createPreviewLink(desk.store, desk.reporter, storyId, {
        secret,
        siteUrl,
      });
      expect(link.url.startsWith(`${siteUrl}/preview/`)).toBe(true);
      expect(
        (await storyDetails(desk.store, desk.reporter, storyId)).history.at(-1),
      ).toMatchObject({
        kind: "preview-link",
        actor: { name: "Rita Reporter" },
      });

      const opened = await openPreview(desk.store, tokenOf(link.url), secret);
      expect(opened).toMatchObject({
        kind: "draft",
        expiresAt: link.expiresAt,
        article: {
          slug: "harbour-reopens",
          headline: "Harbour reopens",
          bodyHtml: "<p>Ferries resume at six.</p>",
          bylines: [{ name: "Rita Reporter" }],
          corrections: [],
        },
      });
      // Later edits show: the draft as it is when the link is opened.
      const doc = await loadStoryDoc(desk.store, storyId);
      await appendDocumentUpdates(desk.store, storyId, [
        paragraphUpdate(doc, "Tickets are half price."),
      ]);
      await transitionStory(desk.store, desk.reporter, storyId, {
        to: "submitted",
      });
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "approved",
      });
      await updateStory(desk.store, desk.editor, storyId, {
        seoTitle: "Busan harbour reopens",
      });
      const again = await openPreview(desk.store, tokenOf(link.url), secret);
      expect(again.kind === "draft" && again.article.bodyHtml).toContain(
        "Tickets are half price.",
      );
      expect(
        again.kind === "draft" && again.article.searchSocial.seoTitle,
      ).toBe("Busan harbour reopens");

      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      expect(await openPreview(desk.store, tokenOf(link.url), secret)).toEqual({
        kind: "published",
        slug: "harbour-reopens",
      });

      // A link made while the story is live previews its next version, until that is published.
      const next = await createPreviewLink(desk.store, desk.editor, storyId, {
        secret,
        siteUrl,
      });
      expect(
        (await openPreview(desk.store, tokenOf(next.url), secret)).kind,
      ).toBe("draft");
      await transitionStory(desk.store, desk.editor, storyId, {
        to: "published",
      });
      expect(
        (await openPreview(desk.store, tokenOf(next.url), secret)).kind,
      ).toBe("published");
    });

    it("open nothing once expired, signed with another secret, or for a story that is not there", async () => {
      const link = await createPreviewLink(desk.store, desk.reporter, storyId, {
        secret,
        siteUrl,
      });
      const token = tokenOf(link.url);
      const expired = Date.parse(link.expiresAt) + 1000;
      expect(await openPreview(desk.store, token, secret, expired)).toEqual({
        kind: "invalid",
      });
      expect(
        await openPreview(desk.store, token, "another-secret-0000000"),
      ).toEqual({ kind: "invalid" });
      const { token: unknown } = await signPreviewToken(
        {
          storyId: "00000000-0000-4000-8000-000000000000",
          liveRevisionId: null,
        },
        secret,
      );
      expect(await openPreview(desk.store, unknown, secret)).toEqual({
        kind: "invalid",
      });
      await expect(
        createPreviewLink(
          desk.store,
          desk.reporter,
          "00000000-0000-4000-8000-000000000000",
          {
            secret,
            siteUrl,
          },
        ),
      ).rejects.toMatchObject({ code: "not_found" });
    });
  });
}
