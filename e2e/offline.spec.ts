import { expect, test } from "@playwright/test";
import { editor, expectSaved, personAt } from "./fixtures";

test("a story made with New story reloads offline, headline and text", async ({
  browser,
}) => {
  const { context, page } = await personAt(browser, "reporter");
  await page.goto("/newsroom");
  await page.getByRole("button", { name: "New story" }).click();
  await page.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/);
  const e = editor(page);
  await e.headline.click();
  await page.keyboard.type("Field report");
  await e.body.click();
  await page.keyboard.type("Filed from the field.");
  await expectSaved(page);
  // The service worker keeps the page (and what it loads) in the background.
  await page.waitForFunction(
    async () => (await caches.match(location.pathname)) !== undefined,
  );

  await context.setOffline(true);
  await expect(e.status).toContainText("Offline");
  await page.reload();
  await expect(e.headline).toHaveText("Field report");
  await expect(e.body).toContainText("Filed from the field.");
  await expect(e.status).toContainText("Offline");
  await context.close();
});
