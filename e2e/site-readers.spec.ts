import { expect, test } from "./journey";
import { openStore } from "../lib/db/client";
import { renameStorySlug } from "../lib/stories/slugs";
import { pageWithoutScript, personAt } from "./fixtures";
import {
  ARTICLE,
  CHROME_UA,
  getFrom,
  HEADLINE,
  SLUG,
  storyIdOf,
} from "./site-sample";

const MARKET = "Last lanterns for the night market under the old rail bridge";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("readers subscribe from the Subscribe box; the API validates and limits", async ({
  page,
  request,
}) => {
  await page.goto(ARTICLE);
  const box = page.getByRole("region", { name: "Subscribe" });
  await box.getByLabel("E-mail address").fill("not-an-address");
  await box.getByRole("button", { name: "Subscribe" }).click();
  await expect(box.getByRole("alert")).toHaveText(
    "Please enter a valid e-mail address.",
  );
  await box.getByLabel("E-mail address").fill("reader@example.org");
  await box.getByRole("button", { name: "Subscribe" }).click();
  await expect(box.getByRole("status")).toHaveText(
    "Thank you: reader@example.org is subscribed to our daily newsletter.",
  );

  const again = await request.post("/api/subscriptions", {
    data: { email: "Reader@Example.org" },
  });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ subscribed: true });

  const invalid = await request.post("/api/subscriptions", {
    data: { email: "nope" },
  });
  expect(invalid.status()).toBe(422);
  expect(await invalid.json()).toMatchObject({
    error: { code: "validation_failed", message: expect.any(String) },
  });

  const statuses: number[] = [];
  for (let i = 0; i < 6; i++)
    statuses.push(
      (
        await request.post("/api/subscriptions", {
          data: { email: "eager@example.org" },
        })
      ).status(),
    );
  expect(statuses).toEqual([201, 200, 200, 200, 200, 429]);
  const limited = await request.post("/api/subscriptions", {
    data: { email: "eager@example.org" },
  });
  expect(limited.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(await limited.json()).toMatchObject({
    error: { code: "rate_limited" },
  });
});

test("views are counted on the server, once per reader an hour, robots excluded", async ({
  browser,
  baseURL,
  newsroom,
}) => {
  const store = await openStore({ dataDir: newsroom.dataDir });
  const views = async () => {
    const row = await store.db
      .selectFrom("page_views")
      .innerJoin("stories", "stories.id", "page_views.story_id")
      .select((eb) => eb.fn.sum<number>("page_views.views").as("n"))
      .where("stories.slug", "=", SLUG)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  try {
    const bot = await browser.newContext({
      userAgent:
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    });
    const reader = await browser.newContext({ userAgent: CHROME_UA });
    // Let earlier visits reach the store (batches are written every 2 s).
    await new Promise((r) => setTimeout(r, 2500));
    const before = await views();
    for (let i = 0; i < 3; i++) await bot.request.get(ARTICLE);
    // A reader reloading, also claiming other addresses (no proxy is trusted): one view an hour.
    await reader.request.get(ARTICLE);
    await reader.request.get(ARTICLE);
    for (const forged of ["198.51.100.1", "198.51.100.2"])
      await reader.request.get(ARTICLE, {
        headers: { "x-forwarded-for": forged },
      });
    await expect.poll(views, { timeout: 8000 }).toBe(before + 1);
    // The same browser from another address (the socket's peer, 127.0.0.2) is another reader.
    expect(await getFrom("127.0.0.2", baseURL!, ARTICLE, CHROME_UA)).toBe(200);
    await expect.poll(views, { timeout: 8000 }).toBe(before + 2);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await views()).toBe(before + 2);
    await bot.close();
    await reader.close();
  } finally {
    await store.destroy();
  }
});

test("an old slug answers 301, unpublishing 410, and both show within a second", async ({
  browser,
  request,
  newsroom,
}) => {
  const store = await openStore({ dataDir: newsroom.dataDir });
  const grace = await personAt(browser, "editor");
  try {
    const id = await storyIdOf(grace.context.request, SLUG);
    await renameStorySlug(store, id, "nk-troops-in-russia");
    const started = Date.now();
    await expect
      .poll(
        async () => {
          const r = await request.get(ARTICLE, { maxRedirects: 0 });
          return `${r.status()} ${r.headers()["location"] ?? ""}`;
        },
        { timeout: 1000, intervals: [50] },
      )
      .toMatch(/^301 .*\/news\/nk-troops-in-russia$/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await request.get("/news/nk-troops-in-russia")).status()).toBe(200);
    await renameStorySlug(store, id, SLUG);
    await expect
      .poll(
        async () => (await request.get(ARTICLE, { maxRedirects: 0 })).status(),
        { timeout: 1000, intervals: [50] },
      )
      .toBe(200);

    const off = await grace.context.request.post(
      `/api/stories/${id}/transitions`,
      { data: { to: "unpublished" } },
    );
    expect(off.status()).toBe(200);
    expect(((await off.json()) as { status: string }).status).toBe(
      "unpublished",
    );
    await expect
      .poll(async () => (await request.get(ARTICLE)).status(), {
        timeout: 1000,
        intervals: [50],
      })
      .toBe(410);
    const gone = await grace.page.goto(ARTICLE);
    expect(gone?.status()).toBe(410);
    await expect(
      grace.page.getByRole("heading", {
        level: 1,
        name: "This article is no longer available",
      }),
    ).toBeVisible();
    expect(
      (
        await request.get("/news/nk-troops-in-russia", { maxRedirects: 0 })
      ).status(),
    ).toBe(410);
    const home = await (await request.get("/")).text();
    expect(home).not.toContain(HEADLINE);
    expect(await (await request.get("/feed.xml")).text()).not.toContain(
      HEADLINE,
    );

    const reporter = await personAt(browser, "reporter");
    const refused = await reporter.context.request.post(
      `/api/stories/${id}/transitions`,
      { data: { to: "published" } },
    );
    expect(refused.status()).toBe(403);
    await reporter.context.close();

    const back = await grace.context.request.post(
      `/api/stories/${id}/transitions`,
      { data: { to: "published" } },
    );
    expect(back.status()).toBe(200);
    await expect
      .poll(async () => (await request.get(ARTICLE)).status(), {
        timeout: 1000,
        intervals: [50],
      })
      .toBe(200);
    expect(await (await request.get("/")).text()).toContain(HEADLINE);
  } finally {
    await grace.context.close();
    await store.destroy();
  }
});

test("readers follow a story's tags, share it, print it; an empty section and unknown tags", async ({
  page,
  request,
  baseURL,
}) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: baseURL,
  });
  // A tag's page lists its stories, newest first.
  await page.goto("/tag/food");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Food");
  const main = page.getByRole("main");
  await expect(main.getByText("2 stories")).toBeVisible();
  await expect(main.getByRole("heading", { level: 2 })).toHaveText([
    MARKET,
    "Family soy sauce maker bets on exports as home sales slip",
  ]);
  await main.getByRole("link", { name: MARKET }).click();

  // The story: its own date, the dateline opening the text, share links, tags.
  await expect(page).toHaveURL(/\/news\/last-lanterns-for-the-night-market/);
  const article = page.getByRole("article");
  await expect(
    article.getByText("Published : Oct. 18, 2024 - 11:30", { exact: true }),
  ).toBeVisible();
  await expect(
    article.getByText(/^BUSAN — On a Thursday evening in October/),
  ).toBeVisible();
  const share = article.getByRole("region", { name: "Share this article" });
  await share.getByRole("button", { name: "Copy link" }).click();
  await expect(share.getByRole("status")).toHaveText("Link copied");
  const url = page.url();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(share.getByRole("link", { name: "E-mail" })).toHaveAttribute(
    "href",
    `mailto:?subject=${encodeURIComponent(MARKET)}&body=${encodeURIComponent(`${MARKET}\n\n${url}`)}`,
  );
  for (const [name, prefix] of [
    ["X", "https://x.com/intent/tweet?url="],
    ["Facebook", "https://www.facebook.com/sharer/sharer.php?u="],
    ["LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url="],
  ] as const) {
    const link = share.getByRole("link", { name, exact: true });
    await expect(link).toHaveAttribute(
      "href",
      new RegExp(`^${escapeRegExp(prefix + encodeURIComponent(url))}`),
    );
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  }

  // On paper: the story and its address, without the site's navigation, rail or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(share).toBeHidden();
  await expect(
    page.getByRole("complementary", { name: "More news" }),
  ).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Sections" })).toBeHidden();
  await expect(article.getByText(url, { exact: true })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: MARKET }),
  ).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  await article
    .getByRole("navigation", { name: "Tags" })
    .getByRole("link", { name: "Heritage" })
    .click();
  await expect(page).toHaveURL(/\/tag\/heritage$/);
  await expect(
    page.getByRole("main").getByRole("heading", { level: 2 }),
  ).toHaveText([
    MARKET,
    "Volunteers restack Jeju's storm-toppled stone walls, one weekend at a time",
  ]);

  // A section of the desk with nothing published yet: a page, not a 404, kept out of search.
  const empty = await page.goto("/section/politics");
  expect(empty?.status()).toBe(200);
  await expect(
    page.getByRole("heading", { level: 1, name: "Politics" }),
  ).toBeVisible();
  await expect(page.getByText("No stories yet")).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute(
    "content",
    /noindex/,
  );
  for (const address of [
    "/tag/no-such-tag",
    "/tag/Food",
    "/tag/%3Cscript%3E",
    "/tag/food?page=2",
  ])
    expect((await request.get(address)).status(), address).toBe(404);

  // The favicon and the web app manifest.
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute(
    "href",
    /\/icon\.svg/,
  );
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const app = (await manifest.json()) as {
    name: string;
    icons: Array<{ src: string; type: string }>;
  };
  expect(app.name).toBe("The Newsroom Herald");
  for (const icon of app.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toContain(icon.type);
  }
});

test("before the page's script runs, Copy link and Subscribe are disabled, not buttons that do nothing or the wrong thing", async ({
  browser,
}) => {
  const { context, page } = await pageWithoutScript(browser);
  await page.goto("/tag/food");
  await page.getByRole("main").getByRole("link", { name: MARKET }).click();
  await expect(page).toHaveURL(/\/news\/last-lanterns-for-the-night-market/);
  const share = page
    .getByRole("article")
    .getByRole("region", { name: "Share this article" });
  await expect(share.getByRole("button", { name: "Copy link" })).toBeDisabled();
  // The links need no script.
  await expect(share.getByRole("link", { name: "E-mail" })).toBeVisible();
  // Subscribe would submit the form natively: the address in the page's query, then lost.
  await expect(
    page
      .getByRole("region", { name: "Subscribe" })
      .getByRole("button", { name: "Subscribe" }),
  ).toBeDisabled();
  await context.close();
});
