import { expect, test } from "./journey";
import { editor, expectSaved, personAt, writeStory } from "./fixtures";

test("publishing and unpublishing ask first, naming the story and its address; a published story says whether its changes are live; the moves that matter are in the bar, the rest in a menu", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await writeStory(
    mina,
    "Bridge reopens after repairs",
    "The Mapo bridge reopened on Sunday.",
  );
  const move = async (to: string) =>
    expect(
      (
        await grace.context.request.post(`/api/stories/${id}/transitions`, {
          data: { to },
        })
      ).ok(),
    ).toBe(true);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(mina.page.getByText("Awaiting review")).toBeVisible();
  await move("approved");

  const page = grace.page;
  await page.goto(`/newsroom/stories/${id}`);
  await expectSaved(page);
  // Approved: Publish and Schedule in the bar, Reopen in the menu.
  await expect(page.getByRole("button", { name: "Reopen" })).toHaveCount(0);
  const more = page.getByRole("button", { name: "More" });
  await expect(more).toHaveAttribute("aria-haspopup", "menu");
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("menuitem", { name: "Reopen" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(more).toBeFocused();

  // Publish asks, naming the story and where it will be; Cancel changes nothing.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const confirm = page.getByRole("dialog", {
    name: "Publish “Bridge reopens after repairs”?",
  });
  await expect(confirm).toBeVisible();
  await expect(confirm).toHaveAccessibleDescription(
    "Every reader will find it at /news/bridge-reopens-after-repairs.",
  );
  await page.screenshot({
    path: "test-results/screenshots/publish-confirmation.png",
  });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText("Approved", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "View live" })).toHaveCount(0);

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await confirm.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("link", { name: "View live" })).toBeVisible();
  await expect(page.getByText("Live page up to date")).toBeVisible();
  // Published: Republish in the bar; going back to work and unpublishing are in the menu.
  for (const name of [
    "Work on changes",
    "Submit changes for review",
    "Unpublish",
  ])
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Republish" })).toBeVisible();

  // An edit: the bar says plainly that it is not live, and shows what differs.
  await editor(page).body.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" The mayor cut the ribbon.");
  await expectSaved(page);
  const behind = page.getByRole("button", { name: "Changes not yet live" });
  await expect(behind).toBeVisible();
  await behind.click();
  const changes = page.getByRole("dialog", { name: "Changes not yet live" });
  const diff = changes.getByRole("region", {
    name: "What changed since it went live",
  });
  await expect(
    diff.locator("p", { has: page.locator("ins") }).last(),
  ).toHaveText("The Mapo bridge reopened on Sunday. The mayor cut the ribbon.");
  await expect(diff.locator("div ins")).toHaveText(
    " The mayor cut the ribbon.",
  );
  await changes.getByRole("button", { name: "Close" }).click();

  await page.getByRole("button", { name: "Republish" }).click();
  const republish = page.getByRole("dialog", {
    name: "Republish “Bridge reopens after repairs”?",
  });
  await expect(republish).toContainText("/news/bridge-reopens-after-repairs");
  await republish.getByRole("button", { name: "Republish" }).click();
  await expect(page.getByText("Live page up to date")).toBeVisible();
  const reader = await browser.newContext();
  const article = await (
    await reader.request.get("/news/bridge-reopens-after-repairs")
  ).text();
  expect(article).toContain("The mayor cut the ribbon.");

  // Unpublish, from the menu, asks too.
  await more.click();
  await page.getByRole("menuitem", { name: "Unpublish…" }).click();
  const unpublish = page.getByRole("dialog", {
    name: "Unpublish “Bridge reopens after repairs”?",
  });
  await expect(unpublish).toContainText("/news/bridge-reopens-after-repairs");
  await unpublish.getByRole("button", { name: "Unpublish" }).click();
  await expect(page.getByText("Unpublished", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "View live" })).toHaveCount(0);
  // The site's caches follow within about a quarter of a second.
  await expect
    .poll(async () =>
      (await reader.request.get("/news/bridge-reopens-after-repairs")).status(),
    )
    .toBe(410);
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});
