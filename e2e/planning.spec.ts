import { expect, test } from "./journey";
import { createStory, personAt } from "./fixtures";

test("the desk assigns a story with a deadline and a length; the reporter is told live and finds it under Mine and Due today", async ({
  browser,
}) => {
  const grace = await personAt(browser, "editor");
  const daniel = await personAt(browser, "reporter2");
  const id = await createStory(grace.context, "Council budget vote");

  await daniel.page.goto("/newsroom");
  await expect(daniel.page.getByText("Live", { exact: true })).toBeVisible();
  const before = Number(
    /(\d+) unread/.exec(
      (await daniel.page
        .getByRole("button", { name: /^Inbox/ })
        .getAttribute("aria-label")) ?? "",
    )?.[1] ?? 0,
  );

  await grace.page.goto(`/newsroom/stories/${id}`);
  await grace.page.getByRole("combobox", { name: "Assign to" }).fill("daniel");
  await grace.page.getByRole("option", { name: /Daniel Cho/ }).click();
  await expect(grace.page.getByLabel("Assigned to")).toContainText(
    "Daniel Cho",
  );
  // Due in five minutes: today, whenever the test runs but a few minutes before midnight.
  const due = await grace.page.evaluate(() => {
    const d = new Date(Date.now() + 5 * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await grace.page.getByLabel("Due").fill(due);
  await expect(grace.page.getByLabel("Due")).toHaveValue(due);
  await grace.page.getByLabel("Target length (words)").fill("300");
  await grace.page.getByLabel("Target length (words)").press("Enter");
  await expect(grace.page.getByLabel("Length", { exact: true })).toContainText(
    "0 of 300 words",
  );

  // Daniel is told, and the story is his: an author now, under Mine and Due today.
  await expect(
    daniel.page.getByRole("button", { name: `Inbox, ${before + 1} unread` }),
  ).toBeVisible();
  await daniel.page.getByRole("link", { name: "Mine" }).click();
  const row = daniel.page.getByRole("row", { name: /Council budget vote/ });
  await expect(row).toContainText("Assigned to Daniel Cho");
  await expect(row).toContainText("Due");
  await daniel.page.getByRole("link", { name: "Due today" }).click();
  await expect(daniel.page).toHaveURL(/view=due-today/);
  await expect(row).toBeVisible();
  await daniel.page.getByRole("link", { name: "Overdue" }).click();
  await expect(row).toHaveCount(0);
  await daniel.page.screenshot({
    path: "test-results/screens/newsroom-views.png",
  });
  await grace.context.close();
  await daniel.context.close();
});
