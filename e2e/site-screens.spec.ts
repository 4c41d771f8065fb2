import { expect, test, type Page } from "./journey";
import { resizeTo } from "./fixtures";
import { ARTICLE } from "./site-sample";
import { observeVitals, readVitals } from "./vitals";

const SCREENS = "test-results/screens";

/** Scrolls each image into view and waits until it has loaded, then goes back to the top. */
async function loadLazyImages(page: Page) {
  // Thumbnails have alt="" (decorative beside their headline), so they have no img role.
  for (const img of await page.locator("img").all()) {
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0),
      )
      .toBe(true);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

test("the site at phone and desktop widths: screenshots, and no layout shift as pages load", async ({
  page,
}) => {
  test.slow();
  await observeVitals(page);
  for (const [name, url] of [
    ["home", "/"],
    ["section", "/section/national"],
    ["section-empty", "/section/politics"],
    ["tag", "/tag/food"],
    ["article", ARTICLE],
    // A sample story with a dateline and tags.
    [
      "article-dateline",
      "/news/last-lanterns-for-the-night-market-under-the-old-rail-bridge",
    ],
  ] as const)
    for (const [device, viewport] of [
      ["phone", { width: 390, height: 844 }],
      ["desktop", { width: 1280, height: 900 }],
    ] as const) {
      await resizeTo(page, viewport);
      await page.goto(url);
      await loadLazyImages(page);
      // Cumulative layout shift (Chromium's own figure) within the "good" range, with room.
      const { cls, shifts } = await readVitals(page);
      expect(
        cls,
        `${url} at ${device}: ${JSON.stringify(shifts)}`,
      ).toBeLessThanOrEqual(0.05);
      await page.screenshot({
        path: `${SCREENS}/site-${name}-${device}.png`,
        fullPage: true,
      });
    }
});
