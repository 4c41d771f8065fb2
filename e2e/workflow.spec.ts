import { expect, test, type Page } from "./journey";
import {
  documentText,
  editor,
  expectSaved,
  people,
  personAt,
  screenshotWhole,
} from "./fixtures";

async function openTab(page: Page, name: "Details" | "Comments" | "History") {
  await page.getByRole("tab", { name }).click();
}

test("a story goes from reporter to reader through review, comments, a return and a restore", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");

  // The reporter writes and submits.
  await mina.page.goto("/newsroom");
  await mina.page.getByRole("button", { name: "New story" }).click();
  await expect(mina.page).toHaveURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/);
  const storyUrl = new URL(mina.page.url()).pathname;
  const m = editor(mina.page);
  await m.headline.click();
  await mina.page.keyboard.type("Council passes the 2027 budget");
  await m.body.click();
  await mina.page.keyboard.type("The council approved the budget on Tuesday.");
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.type("The vote was 7 to 2.");
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(
    mina.page.getByText("Awaiting review", { exact: true }),
  ).toBeVisible();
  await expect(
    mina.page.getByRole("note").filter({ hasText: "Submitted for review" }),
  ).toBeVisible();
  await expect(
    mina.page.getByRole("radio", { name: "Editing" }),
  ).toBeDisabled();

  // The editor comments on a sentence and returns the story with a note.
  await grace.page.goto(storyUrl);
  const g = editor(grace.page);
  await expect(g.body).toContainText("The vote was 7 to 2.");
  await g.body.getByText("The vote was 7 to 2.").click({ clickCount: 3 });
  await grace.page
    .getByRole("button", { name: "Comment", exact: true })
    .click();
  await grace.page
    .getByRole("textbox", { name: "Comment" })
    .fill("Who voted against?");
  await grace.page.getByRole("button", { name: "Add comment" }).click();
  await expect(
    grace.page.getByRole("listitem", {
      name: "Comment on “The vote was 7 to 2.”",
    }),
  ).toBeVisible();
  await expect(g.body.locator(".comment-mark")).toHaveText(
    "The vote was 7 to 2.",
  );
  await grace.page.getByRole("button", { name: "Return to reporter" }).click();
  await grace.page
    .getByLabel("What needs to change?")
    .fill("Name the two councillors who voted against.");
  await grace.page
    .getByRole("dialog")
    .getByRole("button", { name: "Return to reporter" })
    .click();
  await expect(grace.page.getByText("Draft", { exact: true })).toBeVisible();

  // The reporter sees the note and the comment, fixes the story, answers, resolves and resubmits.
  await expect(
    mina.page.getByRole("note", { name: "Returned by the desk" }),
  ).toContainText("Name the two councillors who voted against.");
  await expect(m.body).toHaveAttribute("contenteditable", "true");
  await openTab(mina.page, "Comments");
  const thread = mina.page.getByRole("listitem", {
    name: "Comment on “The vote was 7 to 2.”",
  });
  await expect(thread).toContainText("Who voted against?");
  await expect(thread).toContainText(people.editor.name);
  await m.body.getByText("The vote was 7 to 2.").click();
  await mina.page.keyboard.press("End");
  await mina.page.keyboard.type(" Councillors Kim and Lee voted against.");
  await thread
    .getByRole("textbox", { name: "Reply" })
    .fill("Added their names.");
  await thread.getByRole("button", { name: "Reply" }).click();
  await thread.getByRole("button", { name: "Resolve" }).click();
  await expect(
    grace.page.getByRole("listitem", {
      name: "Comment on “The vote was 7 to 2.”",
    }),
  ).toHaveCount(0);
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();

  // The editor approves and publishes; a reader sees the fixed story and no comment.
  await expect(
    grace.page.getByRole("button", { name: "Approve" }),
  ).toBeVisible();
  await expect(g.body).toContainText("Councillors Kim and Lee voted against.");
  await grace.page.getByRole("button", { name: "Approve" }).click();
  await grace.page
    .getByRole("button", { name: "Publish", exact: true })
    .click();
  // Publishing asks first, naming the story and its address.
  const confirm = grace.page.getByRole("dialog", {
    name: "Publish “Council passes the 2027 budget”?",
  });
  await expect(confirm).toContainText("/news/council-passes-the-2027-budget");
  await confirm.getByRole("button", { name: "Publish", exact: true }).click();
  const live = grace.page.getByRole("link", { name: "View live" });
  await expect(live).toBeVisible();
  const reader = await (await browser.newContext()).newPage();
  await reader.goto((await live.getAttribute("href"))!);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    "Council passes the 2027 budget",
  );
  await expect(
    reader.getByText("Councillors Kim and Lee voted against.", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(reader.getByText("Who voted against?")).toHaveCount(0);

  // The record shows every step, with the note.
  await openTab(grace.page, "History");
  const record = grace.page.getByRole("list", { name: "Story record" });
  await expect(record).toContainText(
    "Name the two councillors who voted against.",
  );
  await expect(record).toContainText("published");

  // The editor restores the version submitted first: everyone sees it live, history grows.
  await grace.page
    .getByRole("list", { name: "Versions" })
    .getByRole("link", { name: "Submit for review" })
    .last()
    .click();
  await expect(
    grace.page.getByRole("heading", { level: 1, name: "Submit for review" }),
  ).toBeVisible();
  await expect(grace.page.locator(".version-diff ins")).toContainText(
    "Councillors Kim and Lee voted against.",
  );
  await screenshotWhole(grace.page, "test-results/screens/version.png");
  grace.page.once("dialog", (d) => void d.accept());
  await grace.page
    .getByRole("button", { name: "Restore this version" })
    .click();
  await expect(grace.page).toHaveURL(new RegExp(`${storyUrl}$`));
  await expect(g.body).not.toContainText("Kim and Lee");
  await expect(m.body).not.toContainText("Kim and Lee");
  expect(await documentText(m.body)).toBe(
    "The council approved the budget on Tuesday.The vote was 7 to 2.",
  );
  await openTab(grace.page, "History");
  await expect(
    grace.page.getByRole("list", { name: "Story record" }),
  ).toContainText("restored a version");
  await expect(
    grace.page.getByRole("list", { name: "Versions" }),
  ).toContainText("Before restoring “Submit for review”");
  // The live page is unchanged until the desk republishes.
  await reader.reload();
  await expect(
    reader.getByText("Councillors Kim and Lee voted against.", {
      exact: false,
    }),
  ).toBeVisible();
  await grace.page.screenshot({
    path: "test-results/screens/editor-history.png",
  });

  await mina.context.close();
  await grace.context.close();
  await reader.context().close();
});

test("an approved story scheduled for a time goes live by itself", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const created = await mina.context.request.post("/api/stories", {
    data: { headline: "Polls open at six" },
  });
  const { id } = (await created.json()) as { id: string };
  await mina.page.goto(`/newsroom/stories/${id}`);
  await editor(mina.page).body.click();
  await mina.page.keyboard.type(
    "Polling stations open at 6 a.m. across the country.",
  );
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();

  await grace.page.goto(`/newsroom/stories/${id}`);
  await grace.page.getByRole("button", { name: "Approve" }).click();
  await grace.page.getByRole("button", { name: "Schedule…" }).click();
  const at = await grace.page.evaluate(() => {
    const d = new Date(Date.now() + 6000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  });
  await grace.page.getByLabel("Publish at").fill(at);
  await grace.page
    .getByRole("dialog")
    .getByRole("button", { name: "Schedule" })
    .click();
  await expect(grace.page.getByText(/^Goes live/)).toBeVisible();
  expect(
    (await grace.context.request.get("/news/polls-open-at-six")).status(),
  ).toBe(404);

  // No one touches it: the scheduler publishes it, and the page shows it.
  await expect(grace.page.getByText("Published", { exact: true })).toBeVisible({
    timeout: 20_000,
  });
  const page = await grace.context.request.get("/news/polls-open-at-six");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain(
    "Polling stations open at 6 a.m. across the country.",
  );
  await mina.context.close();
  await grace.context.close();
});

test("the story list groups stories by state, searches headlines, filters by state and author, and shows words and who is in each", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const created = await mina.context.request.post("/api/stories", {
    data: { headline: "Marathon route announced" },
  });
  const { id } = (await created.json()) as { id: string };
  // Grace keeps the list open: everything below reaches it without a reload.
  await grace.page.goto("/newsroom?q=marathon");
  await expect(grace.page.getByText("Live", { exact: true })).toBeVisible();
  const row = grace.page.getByRole("row", { name: /Marathon route announced/ });
  await expect(row).not.toContainText(/Mina Park[\s\S]*Mina Park/);
  await mina.page.goto(`/newsroom/stories/${id}`);
  await editor(mina.page).body.click();
  await mina.page.keyboard.type(
    "The route passes six bridges and the old palace.",
  );
  await expectSaved(mina.page);

  // Mina is in the story: Grace's list shows her there (author, then present), pushed.
  await expect(row).toContainText(/Mina Park[\s\S]*Mina Park/);
  await expect(
    grace.page.getByRole("region", { name: /Other drafts/ }),
  ).toContainText("Marathon route announced");
  await expect(
    grace.page.getByRole("row", { name: /North Korea sends troops/ }),
  ).toHaveCount(0);

  // Submitted: the story moves to "Awaiting review" in Grace's open list, with its words.
  await mina.page.getByRole("button", { name: "Submit for review" }).click();
  await expect(
    grace.page.getByRole("region", { name: /Awaiting review/ }),
  ).toContainText("Marathon route announced");
  await expect(row).toContainText(/Mina Park[\s\S]*9[\s\S]*Mina Park/);
  // Mina leaves the story: her list's own feed is open, and Grace no longer sees her in it.
  await mina.page.goto("/newsroom");
  await expect(row).not.toContainText(/Mina Park[\s\S]*Mina Park/);

  // The filters: a state and an author narrow a search, in its address; Clear lifts them.
  await grace.page.goto("/newsroom");
  const list = grace.page.getByRole("main");
  await list
    .getByRole("searchbox", { name: "Search headlines" })
    .fill("Marathon");
  await list
    .getByRole("combobox", { name: "State" })
    .selectOption("Awaiting review");
  await list
    .getByRole("combobox", { name: "Author" })
    .selectOption("Mina Park");
  await list.getByRole("button", { name: "Search" }).click();
  await expect(grace.page).toHaveURL(/status=submitted/);
  await expect(list.getByRole("row", { name: /Marathon route/ })).toHaveCount(
    1,
  );
  await expect(
    list.getByRole("row", { name: /North Korea sends/ }),
  ).toHaveCount(0);
  await list
    .getByRole("combobox", { name: "Author" })
    .selectOption("Daniel Cho");
  await list.getByRole("button", { name: "Search" }).click();
  await expect(list).toContainText("No story matches “Marathon”.");
  await list.getByRole("link", { name: "Clear" }).click();
  await expect(grace.page).toHaveURL(/\/newsroom$/);
  // The form shows the list as it now is: no filter left selected, no words left in the search.
  await expect(list.getByRole("combobox", { name: "State" })).toHaveValue("");
  await expect(list.getByRole("combobox", { name: "Author" })).toHaveValue("");
  await expect(
    list.getByRole("searchbox", { name: "Search headlines" }),
  ).toHaveValue("");
  await expect(
    grace.page.getByRole("region", { name: /Published/ }),
  ).toContainText("North Korea sends troops");
  await screenshotWhole(
    grace.page,
    "test-results/screens/newsroom-dashboard.png",
  );
  await mina.context.close();
  await grace.context.close();
});
