import { expect, test } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  people,
  personAt,
  screenshotWhole,
} from "./fixtures";

test("a signed-out visitor is sent to sign in, and lands on the story list afterwards", async ({
  page,
}) => {
  await page.goto("/newsroom");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fnewsroom/);
  await page.getByLabel("E-mail").fill(people.editor.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "do not match" }),
  ).toBeVisible();
  await page.getByLabel("Password").fill("newsroom-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
  await expect(page.getByRole("heading", { name: "Stories" })).toBeVisible();
  await expect(
    page.getByRole("link", { name: /North Korea sends troops/ }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "New story" })).toBeVisible();
});

test("the API answers 401 JSON when signed out", async ({ request }) => {
  const response = await request.get("/api/stories");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({
    error: { code: "unauthenticated", message: expect.any(String) },
  });
});

test("two reporters co-write live, an editor publishes, a reader reads it", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const daniel = await personAt(browser, "reporter2");

  // Mina starts a story from the list and lands in its editor.
  await mina.page.goto("/newsroom");
  await mina.page.getByRole("button", { name: "New story" }).click();
  await expect(mina.page).toHaveURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/);
  const storyUrl = new URL(mina.page.url()).pathname;
  const storyId = storyUrl.split("/").pop()!;
  const coAuthor = await mina.context.request.post(
    `/api/stories/${storyId}/authors`,
    { data: { email: people.reporter2.email } },
  );
  expect(coAuthor.ok()).toBe(true);

  const m = editor(mina.page);
  await m.headline.click();
  await mina.page.keyboard.type("Typhoon Khanun nears Jeju");
  await m.body.click();
  await mina.page.keyboard.type("Ferries to Jeju were cancelled on Thursday.");

  await daniel.page.goto(storyUrl);
  const d = editor(daniel.page);
  await expect(d.headline).toHaveText("Typhoon Khanun nears Jeju");
  await expect(d.body).toContainText(
    "Ferries to Jeju were cancelled on Thursday.",
  );
  // Daniel sees Mina's caret with her name, and she sees his once he types.
  await expect(
    daniel.page.locator(".collaboration-carets__label", {
      hasText: people.reporter.name,
    }),
  ).toBeVisible();
  await d.body.click();
  await daniel.page.keyboard.press("Control+End");
  await daniel.page.keyboard.press("Enter");
  await daniel.page.keyboard.type("Airports expect delays into Friday.");
  await expect(m.body).toContainText("Airports expect delays into Friday.");
  await expect(
    mina.page.locator(".collaboration-carets__label", {
      hasText: people.reporter2.name,
    }),
  ).toBeVisible();
  await mina.page.keyboard.type(" Schools closed early.");
  await expect(d.body).toContainText("Schools closed early.");
  await expectSaved(mina.page);
  await expectSaved(daniel.page);

  // Reporters cannot publish: no button, and the API refuses. They submit for review.
  await expect(mina.page.getByRole("button", { name: "Publish" })).toHaveCount(
    0,
  );
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(
    mina.page.getByText("Awaiting review", { exact: true }),
  ).toBeVisible();
  const refused = await mina.context.request.post(
    `/api/stories/${storyId}/transitions`,
    { data: { to: "published" } },
  );
  expect(refused.status()).toBe(403);

  const grace = await personAt(browser, "editor");
  await grace.page.goto(storyUrl);
  await expect(editor(grace.page).body).toContainText(
    "Airports expect delays into Friday.",
  );
  await grace.page.getByRole("button", { name: "Approve" }).click();
  await grace.page
    .getByRole("button", { name: "Publish", exact: true })
    .click();
  // Publishing asks first, naming the story and its address.
  const confirm = grace.page.getByRole("dialog", {
    name: /^Publish “Typhoon Khanun nears Jeju/,
  });
  await expect(confirm).toContainText("/news/typhoon-khanun-nears-jeju");
  await confirm.getByRole("button", { name: "Publish", exact: true }).click();
  const live = grace.page.getByRole("link", { name: "View live" });
  await expect(live).toBeVisible();
  const liveUrl = await live.getAttribute("href");
  expect(liveUrl).toMatch(/^\/news\/typhoon-khanun-nears-jeju/);

  const reader = await browser.newContext();
  const page = await reader.newPage();
  await page.goto(liveUrl!);
  await expect(
    page.getByRole("heading", { level: 1, name: "Typhoon Khanun nears Jeju" }),
  ).toBeVisible();
  await expect(
    page.getByText(
      "Ferries to Jeju were cancelled on Thursday. Schools closed early.",
    ),
  ).toBeVisible();
  await expect(
    page.getByText("Airports expect delays into Friday."),
  ).toBeVisible();
  await expect(page.getByText(`By ${people.reporter.name}`)).toBeVisible();
  await screenshotWhole(page, "test-results/screens/published-article.png");

  for (const c of [mina.context, daniel.context, grace.context, reader])
    await c.close();
});

test("the sample article is published and readable after a fresh start", async ({
  page,
}) => {
  await page.goto("/");
  // The front page links the story from its lead and from Most popular: follow the lead.
  await page
    .getByRole("main")
    .getByRole("link", {
      name: "North Korea sends troops to support Russia in Ukraine war: NIS",
    })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "North Korea sends troops to support Russia in Ukraine war: NIS",
  );
  await expect(
    page.getByText(
      /^North Korea has dispatched special forces to support Russia/,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(/^Earlier this week, Russian media outlets reported/),
  ).toBeVisible();
  await expect(page.getByText("By Ji Da-gyum")).toBeVisible();
  await expect(
    page.getByRole("link", { name: "dagyumji@heraldcorp.com" }),
  ).toBeVisible();
  await expect(page.locator("figure img")).toHaveCount(2);
  await expect(page.locator("figure figcaption").first()).toContainText(
    "National Intelligence Service",
  );
  await screenshotWhole(page, "test-results/screens/sample-article.png");
});

test("an editor and a reporter see the newsroom screens", async ({
  browser,
}) => {
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(grace.context, "Screenshot story");
  await grace.page.goto("/newsroom");
  await screenshotWhole(grace.page, "test-results/screens/newsroom-list.png");
  await grace.page.goto(`/newsroom/stories/${storyId}`);
  await editor(grace.page).body.click();
  await grace.page.keyboard.type(
    "A first paragraph, typed for the screenshot.",
  );
  await expectSaved(grace.page);
  await grace.page.screenshot({ path: "test-results/screens/editor.png" });
  await grace.context.close();
});

test("a story that does not exist, or a mistyped newsroom address, is a 404 inside the newsroom", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  for (const path of [
    "/newsroom/stories/00000000-0000-4000-8000-000000000000",
    "/newsroom/stories/not-a-story",
    "/newsroom/storys",
    // An address that does not decode (Next.js alone would answer it with a 500).
    "/newsroom/stories/%ZZ",
  ]) {
    const response = await mina.page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(
      mina.page.getByRole("heading", { level: 1, name: "Not found" }),
    ).toBeVisible();
    // The newsroom's own bar, and the way back to the list.
    await expect(
      mina.page.getByRole("navigation", { name: "Newsroom" }),
    ).toBeVisible();
    await expect(
      mina.page.getByRole("link", { name: "Find the story in the list" }),
    ).toHaveAttribute("href", "/newsroom");
  }
  await screenshotWhole(mina.page, "test-results/screens/newsroom-404.png");
  await mina.context.close();
});
