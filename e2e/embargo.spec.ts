import { expect, test } from "./journey";
import { expectSaved, personAt, writeStory, resizeTo } from "./fixtures";

const SCREENS = "test-results/screens";

/** `date` as a datetime-local input takes it, in the browser's time zone (UTC here). */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

test("the desk embargoes a story: the list and both editors show it, publishing and preview links are refused (409 embargoed), nothing of it is on the site; lifted, it publishes", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const headline = "Central bank to cut rates at noon";
  const id = await writeStory(
    mina,
    headline,
    "The central bank will cut its key rate.",
  );
  const move = (who: typeof mina, data: Record<string, unknown>) =>
    who.context.request.post(`/api/stories/${id}/transitions`, { data });
  expect((await move(mina, { to: "submitted" })).ok()).toBe(true);
  expect((await move(grace, { to: "approved" })).ok()).toBe(true);

  // Grace sets the embargo in the story's details.
  const page = grace.page;
  await page.goto(`/newsroom/stories/${id}`);
  await expectSaved(page);
  const until = new Date(Date.now() + 2 * 3_600_000);
  await page
    .getByRole("textbox", { name: "Embargo until" })
    .fill(localInput(until));
  await page.getByRole("button", { name: "Set embargo" }).click();
  await expect(
    page.getByRole("button", { name: "Lift embargo" }),
  ).toBeVisible();
  await expect(
    page.getByRole("complementary").getByText(/^Embargoed until /),
  ).toBeVisible();
  await page
    .getByRole("button", { name: "Lift embargo" })
    .scrollIntoViewIfNeeded();
  for (const [device, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    await resizeTo(page, viewport);
    await page
      .getByRole("button", { name: "Lift embargo" })
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/editor-embargo-${device}.png` });
  }
  await resizeTo(page, { width: 1280, height: 900 });

  // Publishing is refused, in the editor and through the API.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: "Publish", exact: true })
    .click();
  await expect(
    page.getByRole("alert").filter({ hasText: "The story is embargoed until" }),
  ).toBeVisible();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: "Cancel" })
    .click();
  const refused = await move(grace, { to: "published" });
  expect(refused.status()).toBe(409);
  expect(
    ((await refused.json()) as { error: { code: string } }).error.code,
  ).toBe("embargoed");
  await expect(page.getByRole("button", { name: "Preview link" })).toHaveCount(
    0,
  );
  const preview = await mina.context.request.post(`/api/stories/${id}/preview`);
  expect(preview.status()).toBe(409);
  expect(
    ((await preview.json()) as { error: { code: string } }).error.code,
  ).toBe("embargoed");
  const early = await move(grace, {
    to: "published",
    at: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(early.status()).toBe(409);

  // Mina sees the embargo, in her editor and in the list, and cannot lift it.
  await mina.page.reload();
  await expect(mina.page.getByText(/^Embargoed until /).first()).toBeVisible();
  await expect(
    mina.page.getByRole("button", { name: "Lift embargo" }),
  ).toHaveCount(0);
  const lift = await mina.context.request.patch(`/api/stories/${id}`, {
    data: { embargoUntil: null },
  });
  expect(lift.status()).toBe(403);
  await mina.page.goto("/newsroom");
  const row = mina.page.getByRole("row").filter({ hasText: headline });
  await expect(row).toContainText("Embargoed until");
  await mina.page.screenshot({ path: `${SCREENS}/story-list-embargo.png` });

  // Nothing of it on the site.
  const reader = await browser.newContext();
  const slug = "central-bank-to-cut-rates-at-noon";
  expect((await reader.request.get(`/news/${slug}`)).status()).toBe(404);
  for (const path of ["/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/"])
    expect(await (await reader.request.get(path)).text(), path).not.toContain(
      slug,
    );

  // Lifted, it publishes.
  await page.getByRole("button", { name: "Lift embargo" }).click();
  await expect(
    page.getByRole("textbox", { name: "Embargo until" }),
  ).toBeVisible();
  expect((await move(grace, { to: "published" })).ok()).toBe(true);
  // The site's caches follow the published content within about a quarter of a second.
  await expect
    .poll(async () => (await reader.request.get(`/news/${slug}`)).status())
    .toBe(200);
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});

test("an embargo ends by itself: at its time the story can be previewed and published, and is then on the page, in the feed, both sitemaps and its JSON-LD", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const headline = "Port strike called off at dawn";
  const slug = "port-strike-called-off-at-dawn";
  const id = await writeStory(
    mina,
    headline,
    "Dockers return to work on Monday.",
  );
  const move = (data: Record<string, unknown>) =>
    grace.context.request.post(`/api/stories/${id}/transitions`, { data });
  expect(
    (
      await mina.context.request.post(`/api/stories/${id}/transitions`, {
        data: { to: "submitted" },
      })
    ).ok(),
  ).toBe(true);
  expect((await move({ to: "approved" })).ok()).toBe(true);
  const until = new Date(Date.now() + 4000);
  const set = await grace.context.request.patch(`/api/stories/${id}`, {
    data: { embargoUntil: until.toISOString() },
  });
  expect(set.ok()).toBe(true);

  // Before its time: nothing of it anywhere, and no preview.
  const reader = await browser.newContext();
  const onSite = async () => {
    const texts = await Promise.all(
      ["/feed.xml", "/sitemap.xml", "/news-sitemap.xml"].map(async (path) =>
        (await reader.request.get(path)).text(),
      ),
    );
    return texts.map((text) => text.includes(slug));
  };
  expect((await move({ to: "published" })).status()).toBe(409);
  expect(
    (await mina.context.request.post(`/api/stories/${id}/preview`)).status(),
  ).toBe(409);
  expect(await onSite()).toEqual([false, false, false]);

  // Its time passes: no one lifts it, and it may be previewed and published.
  await expect
    .poll(
      async () =>
        (
          await mina.context.request.post(`/api/stories/${id}/preview`)
        ).status(),
      { timeout: 15_000 },
    )
    .toBe(201);
  expect((await move({ to: "published" })).ok()).toBe(true);
  await expect
    .poll(async () => (await reader.request.get(`/news/${slug}`)).status())
    .toBe(200);
  const page = await (await reader.request.get(`/news/${slug}`)).text();
  expect(page).toContain('type="application/ld+json"');
  expect(page).toMatch(new RegExp(`"headline":"${headline}"`));
  await expect.poll(onSite).toEqual([true, true, true]);
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});
