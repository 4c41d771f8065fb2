import { expect, test } from "./journey";
import {
  expectSaved,
  personAt,
  publishThroughDesk,
  writeStory,
  resizeTo,
} from "./fixtures";

const SCREENS = "test-results/screens";

test("the desk sets the SEO title and social texts in the story's details; a reporter sees them but cannot change them; once republished they are the page's title, cards and JSON-LD headline", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const headline = "Night trains return to the coast line";
  const id = await writeStory(
    mina,
    headline,
    "Overnight services between Seoul and Gangneung resumed on Friday.",
  );
  await publishThroughDesk(mina.context, grace.context, id);

  const page = grace.page;
  await page.goto(`/newsroom/stories/${id}`);
  await expectSaved(page);
  const form = page.getByRole("form", { name: "Search and social" });
  const seo = form.getByRole("textbox", { name: "SEO title" });
  const socialHeadline = form.getByRole("textbox", { name: "Social headline" });
  const socialDescription = form.getByRole("textbox", {
    name: "Social description",
  });
  // Empty, each shows what stands in for it.
  await expect(seo).toHaveValue("");
  await expect(seo).toHaveAttribute("placeholder", headline);
  await expect(seo).toHaveAccessibleDescription("0/70");
  const save = form.getByRole("button", { name: "Save search and social" });
  await expect(save).toBeDisabled();

  await seo.fill("Night trains return between Seoul and Gangneung");
  await socialHeadline.fill("All aboard: the night train is back");
  await socialDescription.fill(
    "Sleeper services to the east coast resume after four years.",
  );
  await expect(seo).toHaveAccessibleDescription("47/70");
  await save.click();
  await expect(form.getByRole("status")).toHaveText(
    "Saved. Readers see them once the story is republished.",
  );
  await expect(
    page.getByRole("button", { name: "Changes not yet live" }),
  ).toBeVisible();
  for (const [device, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    await resizeTo(page, viewport);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SCREENS}/editor-details-search-social-${device}.png`,
    });
  }

  // Mina, at her own computer, sees the desk's texts but no way to change them.
  await mina.page.reload();
  const hers = mina.page.getByRole("form", { name: "Search and social" });
  await expect(hers.getByRole("textbox", { name: "SEO title" })).toHaveValue(
    "Night trains return between Seoul and Gangneung",
  );
  await expect(hers.getByRole("textbox", { name: "SEO title" })).toBeDisabled();
  await expect(
    hers.getByRole("button", { name: "Save search and social" }),
  ).toHaveCount(0);
  const refused = await mina.context.request.patch(`/api/stories/${id}`, {
    data: { seoTitle: "A reporter's title" },
  });
  expect(refused.status()).toBe(403);
  const tooLong = await grace.context.request.patch(`/api/stories/${id}`, {
    data: { socialHeadline: "x".repeat(111) },
  });
  expect(tooLong.status()).toBe(422);
  const wrongType = await grace.context.request.patch(`/api/stories/${id}`, {
    data: { seoTitle: ["<script>", "x"] },
  });
  expect(wrongType.status()).toBe(422);

  // Live once republished.
  await resizeTo(page, { width: 1280, height: 900 });
  await page.getByRole("button", { name: "Republish" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: "Republish" })
    .click();
  await expect(page.getByText("Live page up to date")).toBeVisible();
  const { slug } = (await (
    await grace.context.request.get(`/api/stories/${id}`)
  ).json()) as { slug: string };
  const reader = await browser.newContext();
  const article = await reader.newPage();
  await article.goto(`/news/${slug}`);
  await expect(article).toHaveTitle(
    "Night trains return between Seoul and Gangneung | The Newsroom Herald",
  );
  await expect(
    article.getByRole("heading", { level: 1, name: headline }),
  ).toBeVisible();
  const meta = (property: string) =>
    article
      .locator(`meta[property="${property}"], meta[name="${property}"]`)
      .getAttribute("content");
  expect(await meta("og:title")).toBe("All aboard: the night train is back");
  expect(await meta("twitter:title")).toBe(
    "All aboard: the night train is back",
  );
  expect(await meta("og:description")).toBe(
    "Sleeper services to the east coast resume after four years.",
  );
  expect(await meta("twitter:description")).toBe(
    "Sleeper services to the east coast resume after four years.",
  );
  const jsonLd = JSON.parse(
    (await article
      .locator('script[type="application/ld+json"]')
      .textContent()) ?? "{}",
  ) as { headline?: string; alternativeHeadline?: string };
  expect(jsonLd).toMatchObject({
    headline: "Night trains return between Seoul and Gangneung",
    alternativeHeadline: headline,
  });

  // Cleared, the headline and the text stand in again after the next publication.
  const cleared = await grace.context.request.patch(`/api/stories/${id}`, {
    data: { seoTitle: "", socialHeadline: null, socialDescription: "" },
  });
  expect(cleared.ok()).toBe(true);
  expect(
    (
      await grace.context.request.post(`/api/stories/${id}/transitions`, {
        data: { to: "published" },
      })
    ).ok(),
  ).toBe(true);
  await expect
    .poll(async () => {
      await article.goto(`/news/${slug}`);
      return [await article.title(), await meta("og:title")];
    })
    .toEqual([`${headline} | The Newsroom Herald`, headline]);
  expect(await meta("og:description")).toBe(
    "Overnight services between Seoul and Gangneung resumed on Friday.",
  );
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});
