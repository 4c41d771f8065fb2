import { expect, test, type Page } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  people,
  photo,
  signIn,
  screenshotWhole,
} from "./fixtures";

const phone = { width: 390, height: 844 };

/** The page scrolls only up and down: nothing is wider than the screen. */
async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollWidth),
  ).toBeLessThanOrEqual(phone.width);
}

test("a reporter files from a phone: at 390 × 844 the editor fits the screen, Submit is visible and works, the deck's placeholder stays off its counter", async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ viewport: phone });
  await signIn(context, "reporter");
  const page = await context.newPage();
  const id = await createStory(context);
  await page.goto(`/newsroom/stories/${id}`);
  await expectSaved(page);
  await expectNoSidewaysScroll(page);

  // The empty deck's placeholder is drawn inside the field, so it cannot reach the counter.
  const deck = page.getByRole("textbox", { name: "Deck" });
  const placeholder = await deck
    .locator("p")
    .first()
    .evaluate((p) => ({
      placeholder: parseFloat(getComputedStyle(p, "::before").height),
      field: p.getBoundingClientRect().height,
    }));
  expect(placeholder.placeholder).toBeGreaterThan(0);
  expect(placeholder.placeholder).toBeLessThanOrEqual(placeholder.field + 1);

  const e = editor(page);
  await e.headline.click();
  await page.keyboard.type("Ferry service resumes to Ulleungdo");
  await e.body.click();
  await page.keyboard.type(
    "The first ferry in four days left Pohang at 9 a.m. with 420 passengers.",
  );
  await page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("ferry.jpg"));
  // A new photo has no alt text yet, so no role of img: found by its place.
  await expect(e.body.locator("figure img")).toBeVisible();
  await expectSaved(page);
  await expectNoSidewaysScroll(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotWhole(page, "test-results/screenshots/editor-phone.png");

  const submit = page.getByRole("button", { name: "Submit for review" });
  await expect(submit).toBeInViewport({ ratio: 1 });
  await submit.click();
  await expect(
    page.getByText("Awaiting review", { exact: true }),
  ).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({
    path: "test-results/screenshots/editor-phone-submitted.png",
  });

  // The desk: each story's figures stay apart, nothing runs off the screen.
  await page.goto("/newsroom");
  await expectNoSidewaysScroll(page);
  const row = page.getByRole("row", { name: /Ferry service resumes/ });
  const cells = await row.getByRole("cell").evaluateAll((tds) =>
    tds.flatMap((td) =>
      Array.from(td.getClientRects(), (r) => ({
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
      })),
    ),
  );
  expect(cells.length).toBeGreaterThan(3);
  for (const [i, a] of cells.entries())
    for (const b of cells.slice(i + 1)) {
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      expect(overlap, JSON.stringify({ a, b })).toBe(false);
    }
  for (const r of cells) expect(r.right).toBeLessThanOrEqual(phone.width);
  await screenshotWhole(page, "test-results/screenshots/desk-phone.png");
  await context.close();
});

test("on a phone the top bar's links and who is signed in are behind Menu", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: phone });
  await signIn(context, "admin");
  const page = await context.newPage();
  await page.goto("/newsroom");
  // The wide screen's links are hidden here; Menu is how to reach them.
  await expect(
    page.getByRole("navigation", { name: "Newsroom", exact: true }),
  ).toBeHidden();
  const menu = page.getByRole("button", { name: "Menu" });
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(
    page.getByText(`Signed in as ${people.admin.name}`),
  ).toBeVisible();
  const links = page.getByRole("navigation", { name: "Newsroom menu" });
  await expect(links.getByRole("link")).toHaveText([
    "Stories",
    "People",
    "View site",
  ]);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: "test-results/screenshots/menu-phone.png" });
  await links.getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL(/\/newsroom\/people$/);
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await expect(links).toBeHidden();
  // Escape closes it too.
  await menu.click();
  await expect(links).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(links).toBeHidden();
  await context.close();
});

test("screenshot: the editor at desktop width, with a photo, kept for review", async ({
  browser,
}) => {
  // Several people, a photo or many keystrokes: slow on a loaded machine.
  test.slow();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  await signIn(context, "reporter");
  const page = await context.newPage();
  const id = await createStory(context, "Ferry service resumes to Ulleungdo");
  await page.goto(`/newsroom/stories/${id}`);
  const e = editor(page);
  await e.body.click();
  await page.keyboard.type(
    "The first ferry in four days left Pohang at 9 a.m. with 420 passengers.",
  );
  await page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("ferry.jpg"));
  // A new photo has no alt text yet, so no role of img: found by its place.
  await expect(e.body.locator("figure img")).toBeVisible();
  await expectSaved(page);
  await expect(page.getByText(people.reporter.name).first()).toBeVisible();
  await screenshotWhole(page, "test-results/screenshots/editor-desktop.png");
  await context.close();
});
