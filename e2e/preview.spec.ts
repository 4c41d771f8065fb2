import { expect, test } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  publishThroughDesk,
  resizeTo,
} from "./fixtures";

const SCREENS = "test-results/screens";

test("a reporter makes a preview link and copies it; a reader without an account reads the draft as the article page would show it, marked as a preview and kept from search engines, until the desk publishes it", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  await mina.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const headline = "Lantern festival moves to the riverbank";
  const id = await createStory(mina.context, headline);
  const page = mina.page;
  await page.goto(`/newsroom/stories/${id}`);
  await editor(page).body.click();
  await page.keyboard.type(
    "The lantern festival will be held on the riverbank this year.",
  );
  await expectSaved(page);

  await page.getByRole("button", { name: "Preview link" }).click();
  const dialog = page.getByRole("dialog", { name: "Preview link" });
  await expect(dialog).toHaveAccessibleDescription(
    /^Anyone with this link can read the draft as it stands, without signing in, until .+ or until the story is published\.$/,
  );
  const field = dialog.getByRole("textbox", { name: "Link" });
  const url = await field.inputValue();
  expect(url).toMatch(
    /^http:\/\/localhost:\d+\/preview\/[\w-]+\.[\w-]+\.[\w-]+$/,
  );
  await dialog.getByRole("button", { name: "Copy link" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Link copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: `${SCREENS}/editor-preview-link.png` });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  // A reader with no account.
  const reader = await browser.newContext();
  const site = await reader.newPage();
  const response = await site.goto(url);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"]).toContain("no-store");
  await expect(site.locator('meta[name="robots"]')).toHaveAttribute(
    "content",
    "noindex, nofollow",
  );
  const notice = site.getByRole("complementary", {
    name: "Preview — not published",
  });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(
    "/news/lantern-festival-moves-to-the-riverbank",
  );
  await expect(
    site.getByRole("heading", { level: 1, name: headline }),
  ).toBeVisible();
  await expect(site).toHaveTitle(`Preview: ${headline} | The Newsroom Herald`);
  await expect(site.getByRole("article")).toContainText(
    "The lantern festival will be held on the riverbank this year.",
  );
  await expect(site.getByRole("article")).toContainText("By Mina Park");
  for (const [device, viewport] of [
    ["phone", { width: 390, height: 844 }],
    ["desktop", { width: 1280, height: 900 }],
  ] as const) {
    await resizeTo(site, viewport);
    await site.screenshot({ path: `${SCREENS}/preview-${device}.png` });
  }

  // The draft as it stands when the link is opened.
  await editor(page).body.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Boats will carry lanterns downstream.");
  await expectSaved(page);
  await site.reload();
  await expect(site.getByRole("article")).toContainText(
    "Boats will carry lanterns downstream.",
  );
  // Nothing of it is on the site meanwhile.
  expect(
    (
      await reader.request.get("/news/lantern-festival-moves-to-the-riverbank")
    ).status(),
  ).toBe(404);

  // Published: the link leads to the live article.
  await publishThroughDesk(mina.context, grace.context, id);
  await site.goto(url);
  await expect(site).toHaveURL(
    /\/news\/lantern-festival-moves-to-the-riverbank$/,
  );
  await expect(
    site.getByRole("complementary", { name: "Preview — not published" }),
  ).toHaveCount(0);
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});

test("preview links: only for someone signed in who may see the story, and a changed or made-up link opens nothing", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(mina.context, "Preview rules");
  const reader = await browser.newContext();
  const anonymous = await reader.request.post(`/api/stories/${id}/preview`);
  expect(anonymous.status()).toBe(401);
  expect(
    (
      await mina.context.request.post(
        "/api/stories/00000000-0000-4000-8000-000000000000/preview",
      )
    ).status(),
  ).toBe(404);
  expect(
    (
      await mina.context.request.post("/api/stories/not-an-id/preview")
    ).status(),
  ).toBe(404);
  const made = await mina.context.request.post(`/api/stories/${id}/preview`);
  expect(made.status()).toBe(201);
  const { url, expiresAt } = (await made.json()) as {
    url: string;
    expiresAt: string;
  };
  const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
  expect(hours).toBeGreaterThan(23.9);
  expect(hours).toBeLessThanOrEqual(24);
  const path = new URL(url).pathname;
  expect((await reader.request.get(path)).status()).toBe(200);
  // One character in the middle of the signature changed (the last one's low bits are unused).
  const i = path.length - 10;
  const changed = `${path.slice(0, i)}${path[i] === "A" ? "B" : "A"}${path.slice(i + 1)}`;
  for (const bad of [
    changed,
    "/preview/not-a-token",
    "/preview/%3Cscript%3E",
  ]) {
    const response = await reader.request.get(bad);
    expect(response.status(), bad).toBe(404);
    expect(response.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  }
  await reader.close();
  await mina.context.close();
});
