import { expect, test, type Page } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  writeStory,
  resizeTo,
} from "./fixtures";

/** How many unread notifications the top bar's inbox says its person has. */
async function unread(page: Page): Promise<number> {
  const name = await page
    .getByRole("button", { name: /^Inbox/ })
    .getAttribute("aria-label");
  return Number(/(\d+) unread/.exec(name ?? "")?.[1] ?? 0);
}

test("a submission reaches the desk's inbox and a return the reporter's, live; the list shows Returned with the note", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await writeStory(
    mina,
    "Ferry timetable changes",
    "Ferries leave every forty minutes from Monday.",
  );

  // Grace sits on the story list; earlier journeys may have left her notifications.
  await grace.page.goto("/newsroom");
  await expect(grace.page.getByText("Live", { exact: true })).toBeVisible();
  const graceBefore = await unread(grace.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(
    grace.page.getByRole("button", {
      name: `Inbox, ${graceBefore + 1} unread`,
    }),
  ).toBeVisible();
  // The e-mail digest's link opens the inbox: a fresh page, as from a mail client.
  await grace.page.goto("about:blank");
  await grace.page.goto("/newsroom#inbox");
  const graceNotes = grace.page.getByRole("region", { name: "Notifications" });
  const submitted = graceNotes.getByRole("link", {
    name: "Mina Park submitted “Ferry timetable changes” for review.",
  });
  await expect(submitted).toBeVisible();
  // Opening it leads to the story and marks it read.
  await submitted.click();
  await expect(grace.page).toHaveURL(new RegExp(`/newsroom/stories/${id}$`));
  await expect.poll(() => unread(grace.page)).toBe(graceBefore);

  // Mina waits on her list; Grace returns the story with a note.
  await mina.page.goto("/newsroom");
  await expect(mina.page.getByText("Live", { exact: true })).toBeVisible();
  const minaBefore = await unread(mina.page);
  const returned = await grace.context.request.post(
    `/api/stories/${id}/transitions`,
    {
      data: {
        to: "draft",
        note: "Add the fares.\nAnd the winter schedule, if it is out.",
      },
    },
  );
  expect(returned.status()).toBe(200);
  await expect(
    mina.page.getByRole("button", { name: `Inbox, ${minaBefore + 1} unread` }),
  ).toBeVisible();
  const row = mina.page.getByRole("row", { name: /Ferry timetable changes/ });
  await expect(row).toContainText("Returned");
  await expect(row).toContainText("Add the fares.");
  await expect(row).not.toContainText("winter schedule");
  await mina.page.getByRole("button", { name: /^Inbox/ }).click();
  await expect(
    mina.page.getByRole("region", { name: "Notifications" }).getByRole("link", {
      name: "Grace Lee returned “Ferry timetable changes”: Add the fares.",
    }),
  ).toBeVisible();
  await mina.page.screenshot({
    path: "test-results/screens/newsroom-inbox.png",
  });
  // Escape closes it; "Mark all read" empties the count.
  await mina.page.keyboard.press("Escape");
  await expect(
    mina.page.getByRole("region", { name: "Notifications" }),
  ).toHaveCount(0);
  await mina.page.getByRole("button", { name: /^Inbox/ }).click();
  await mina.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(
    mina.page.getByRole("button", { name: "Inbox", exact: true }),
  ).toBeVisible();

  await resizeTo(mina.page, { width: 390, height: 844 });
  const panel = mina.page.getByRole("region", { name: "Notifications" });
  // On a phone the panel fits the screen.
  const box = await panel.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await mina.page.screenshot({
    path: "test-results/screens/newsroom-inbox-phone.png",
  });
  await mina.context.close();
  await grace.context.close();
});

test("an @mention picked from the staff list tells that person live, and a reply tells the thread's writer", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await createStory(mina.context, "Night buses return");
  await mina.page.goto(`/newsroom/stories/${id}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("Night buses return on three routes.");
  await expectSaved(mina.page);

  await grace.page.goto("/newsroom");
  await expect(grace.page.getByText("Live", { exact: true })).toBeVisible();
  const graceBefore = await unread(grace.page);

  await m.body.getByText("Night buses return on three routes.").click({
    clickCount: 3,
  });
  await mina.page.getByRole("button", { name: "Comment", exact: true }).click();
  const box = mina.page.getByRole("textbox", { name: "Comment" });
  await box.pressSequentially("Which three, @gra");
  await expect(
    mina.page.getByRole("listbox", { name: "People to mention" }),
  ).toBeVisible();
  await expect(
    mina.page.getByRole("option", { name: "Grace Lee" }),
  ).toHaveAttribute("aria-selected", "true");
  await mina.page.screenshot({
    path: "test-results/screens/editor-mention.png",
  });
  await mina.page.keyboard.press("Enter");
  await expect(box).toHaveValue("Which three, @Grace Lee ");
  await box.pressSequentially("?");
  await mina.page.getByRole("button", { name: "Add comment" }).click();

  await expect(
    grace.page.getByRole("button", {
      name: `Inbox, ${graceBefore + 1} unread`,
    }),
  ).toBeVisible();
  await grace.page.getByRole("button", { name: /^Inbox/ }).click();
  await grace.page
    .getByRole("region", { name: "Notifications" })
    .getByRole("link", {
      name: "Mina Park mentioned you on “Night buses return”: Which three, @Grace Lee ?",
    })
    .click();
  await expect(grace.page).toHaveURL(new RegExp(`/newsroom/stories/${id}$`));

  // Grace answers in the thread: Mina, who wrote it, is told.
  const minaBefore = await unread(mina.page);
  await grace.page.getByRole("tab", { name: "Comments" }).click();
  await grace.page.getByRole("textbox", { name: "Reply" }).fill("N1, N4, N9.");
  await grace.page.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(
    mina.page.getByRole("button", { name: `Inbox, ${minaBefore + 1} unread` }),
  ).toBeVisible();
  await mina.page.getByRole("button", { name: /^Inbox/ }).click();
  await expect(
    mina.page.getByRole("region", { name: "Notifications" }).getByRole("link", {
      name: "Grace Lee replied on “Night buses return”: N1, N4, N9.",
    }),
  ).toBeVisible();
  await mina.context.close();
  await grace.context.close();
});
