import { expect, test } from "./journey";
import { personAt, writeStory, screenshotWhole } from "./fixtures";

test("a reporter spikes a draft, which leaves the lists; the desk restores it", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  await writeStory(
    mina,
    "Library hours cut",
    "The central library will close at six.",
  );

  await mina.page.getByRole("button", { name: "More" }).click();
  await mina.page.getByRole("menuitem", { name: "Spike story…" }).click();
  const dialog = mina.page.getByRole("dialog", {
    name: "Spike “Library hours cut”?",
  });
  await expect(dialog).toContainText("The desk can restore it for 30 days");
  await dialog.getByRole("button", { name: "Spike story" }).click();
  await expect(mina.page).toHaveURL(/\/newsroom$/);
  await expect(
    mina.page.getByRole("row", { name: /Library hours cut/ }),
  ).toHaveCount(0);

  // The desk finds it under "Spiked", folded away, and puts it back.
  await grace.page.goto("/newsroom");
  const spiked = grace.page.getByRole("region", { name: "Spiked" });
  await spiked.locator("summary").click();
  await expect(
    spiked.getByRole("link", { name: "Library hours cut" }),
  ).toBeVisible();
  await screenshotWhole(grace.page, "test-results/screens/newsroom-spiked.png");
  await spiked
    .getByRole("button", { name: "Restore “Library hours cut”" })
    .click();
  await expect(
    grace.page
      .getByRole("region", { name: /Other drafts/ })
      .getByRole("row", { name: /Library hours cut/ }),
  ).toBeVisible();
  // Mina's open list got it back too, pushed.
  await expect(
    mina.page.getByRole("row", { name: /Library hours cut/ }),
  ).toBeVisible();
  await mina.context.close();
  await grace.context.close();
});
