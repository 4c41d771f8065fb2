import { expect, test } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  writeStory,
  screenshotWhole,
} from "./fixtures";

test("approval means this text: a change after approval sends the story back to review, and the record shows what changed", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await writeStory(
    mina,
    "Tram line opens in June",
    "The first trams run on June 2.",
  );
  const move = async (who: typeof mina, to: string) => {
    const response = await who.context.request.post(
      `/api/stories/${id}/transitions`,
      { data: { to } },
    );
    expect(response.ok(), await response.text()).toBe(true);
  };
  await move(mina, "submitted");
  await move(grace, "approved");

  // Both have the story open; the editor changes a sentence of the approved text.
  await grace.page.goto(`/newsroom/stories/${id}`);
  await expect(
    mina.page.getByText("Approved", { exact: true }).first(),
  ).toBeVisible();
  const body = editor(grace.page).body;
  await expect(body).toContainText("June 2.");
  // The desk suggests by default while it reviews; Grace chooses to edit the text directly.
  const mode = grace.page.getByRole("radiogroup", { name: "Mode" });
  await expect(mode.getByRole("radio", { name: "Suggesting" })).toBeChecked();
  await mode.getByRole("radio", { name: "Editing" }).check();
  await body.getByText("The first trams run on June 2.").click();
  await grace.page.keyboard.press("End");
  await grace.page.keyboard.type(" Fares stay the same.");
  await expectSaved(grace.page);

  // The approval lapses for both of them, without a reload.
  for (const page of [grace.page, mina.page])
    await expect(
      page.getByText("Awaiting review", { exact: true }).first(),
    ).toBeVisible();
  await grace.page.getByRole("tab", { name: "History" }).click();
  const lapse = grace.page
    .getByRole("list", { name: "Story record" })
    .getByRole("listitem")
    .first();
  await expect(lapse).toContainText("changed the approved text");
  await expect(lapse).toContainText("Approval lapsed: changed by Grace Lee.");
  await lapse
    .getByRole("link", { name: "What changed since approval" })
    .click();
  const changes = grace.page.getByRole("region", {
    name: "Changes since this version",
  });
  await expect(
    changes.locator("ins").filter({ hasText: "Fares stay the same." }),
  ).toBeVisible();
  await screenshotWhole(grace.page, "test-results/approval-lapsed-changes.png");
  await Promise.all([mina.context.close(), grace.context.close()]);
});

test("a reporter withdraws a submission before the desk decides, and can write again", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(mina.context, "Library hours extended");
  await mina.page.goto(`/newsroom/stories/${id}`);
  const body = editor(mina.page).body;
  await body.click();
  await mina.page.keyboard.type("The library opens until nine.");
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  // In review she may only suggest.
  const editing = mina.page.getByRole("radio", { name: "Editing" });
  await expect(editing).toBeDisabled();
  await expect(
    mina.page.getByRole("radio", { name: "Suggesting" }),
  ).toBeChecked();
  await mina.page.getByRole("button", { name: "Withdraw submission" }).click();
  await expect(
    mina.page.getByRole("button", { name: "Submit for review" }),
  ).toBeVisible();
  await expect(editing).toBeEnabled();
  await expect(editing).toBeChecked();
  await body.click();
  await mina.page.keyboard.press("End");
  await mina.page.keyboard.type(" On weekends too.");
  await expectSaved(mina.page);
  await mina.context.close();
});
