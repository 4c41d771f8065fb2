import { expect, test, type Page } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  screenshotWhole,
  resizeTo,
} from "./fixtures";

const newcomer = {
  name: "Lee Ann Kim",
  email: "lee.ann.kim@herald.example",
  password: "harbour-lights-at-dawn",
};

async function screens(page: Page, name: string): Promise<void> {
  await screenshotWhole(page, `test-results/screens/${name}-desktop.png`);
  const desktop = page.viewportSize()!;
  await resizeTo(page, { width: 390, height: 844 });
  await screenshotWhole(page, `test-results/screens/${name}-phone.png`);
  await resizeTo(page, desktop);
}

test("an admin invites a reporter who signs up, is made a co-author live, and is cut off when deactivated", async ({
  browser,
}) => {
  // Three people in four browser contexts, and a sign-up that hashes a password.
  test.slow();
  const admin = await personAt(browser, "admin");
  await admin.page.goto("/newsroom/people");
  const invite = admin.page.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Name", { exact: true }).fill(newcomer.name);
  await invite.getByLabel("E-mail", { exact: true }).fill(newcomer.email);
  await invite.getByLabel("Role", { exact: true }).selectOption("reporter");
  await invite.getByRole("button", { name: "Invite" }).click();
  const signUpUrl = await admin.page
    .getByRole("textbox", { name: "Sign-up link" })
    .inputValue();
  expect(signUpUrl).toMatch(/\/signup\/[\w-]{43}$/);
  // The suite's server has no SMTP_URL: the page must not claim an e-mail went out.
  await expect(
    admin.page.getByRole("region", { name: "Sign-up link" }),
  ).toContainText("Pass it on yourself (the newsroom sends no e-mail).");
  await expect(
    admin.page.getByRole("row", { name: new RegExp(newcomer.name) }),
  ).toContainText("Invited");
  await screens(admin.page, "people");

  // The newcomer signs up with the link, in a browser of their own.
  const lee = await browser.newContext();
  const leePage = await lee.newPage();
  await leePage.goto(signUpUrl);
  await leePage.screenshot({ path: "test-results/screens/signup.png" });
  await leePage.getByLabel("Password", { exact: true }).fill(newcomer.password);
  await leePage.getByLabel("Repeat the password").fill(newcomer.password);
  await leePage.getByRole("button", { name: "Sign up" }).click();
  await expect(leePage).toHaveURL(/\/newsroom$/);

  // A colleague's story: Lee Ann may only read it, until the colleague adds her.
  const mina = await personAt(browser, "reporter");
  const storyId = await createStory(
    mina.context,
    "Harbour reopens after storm",
  );
  await leePage.goto(`/newsroom/stories/${storyId}`);
  await expect(leePage.getByRole("note", { name: "Read only" })).toBeVisible();
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  await expectSaved(mina.page);
  await mina.page
    .getByRole("combobox", { name: "Add a co-author" })
    .fill("lee ann");
  const option = mina.page.getByRole("option", { name: /Lee Ann Kim/ });
  await expect(option).toBeVisible();
  await mina.page.screenshot({
    path: "test-results/screens/details-staff-picker.png",
  });
  await option.click();
  await expect(mina.page.getByRole("list", { name: "Authors" })).toContainText(
    newcomer.name,
  );

  // Her open editor becomes writable without a reload.
  await expect(leePage.getByRole("note", { name: "Read only" })).toHaveCount(0);
  await expectSaved(leePage);
  await editor(leePage).body.click();
  await leePage.keyboard.insertText("Ferries resume at six.");
  await expect(editor(mina.page).body).toContainText("Ferries resume at six.");
  const people = mina.page.getByRole("list", { name: "People in this story" });
  await expect(people).toContainText(newcomer.name);
  await screens(mina.page, "details-authors");

  // Deactivated: her editor closes to read-only with a message, and she leaves the story.
  await admin.page.reload();
  await admin.page
    .getByRole("button", { name: `Deactivate ${newcomer.name}` })
    .click();
  await expect(
    leePage.getByText(/This account has been deactivated/),
  ).toBeVisible();
  await expect(editor(leePage).body).toHaveAttribute(
    "contenteditable",
    "false",
  );
  await expect(
    leePage.getByRole("button", { name: "Submit for review" }),
  ).toHaveCount(0);
  await leePage.screenshot({ path: "test-results/screens/deactivated.png" });
  await expect(people).not.toContainText(newcomer.name);
  await expect(mina.page.getByRole("list", { name: "Authors" })).toContainText(
    newcomer.name,
  );

  for (const c of [admin.context, mina.context, lee]) await c.close();
});
