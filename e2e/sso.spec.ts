import { expect, test, type Page } from "./journey";
import { people, resizeTo } from "./fixtures";
import { SSO_NAME, SSO_PEOPLE } from "./sso-people";

const SCREENS = "test-results/screens";

/** At the test provider (oidc-provider's own login and consent pages): signs in as `login`. */
async function atProvider(page: Page, login: string): Promise<void> {
  await page.getByRole("textbox", { name: "Enter any login" }).fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a reporter signs in with single sign-on and lands in the newsroom as her own account", async ({
  page,
}) => {
  await page.goto("/newsroom");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fnewsroom/);
  for (const [device, width, height] of [
    ["desktop", 1280, 800],
    ["phone", 390, 844],
  ] as const) {
    await resizeTo(page, { width, height });
    await page.screenshot({ path: `${SCREENS}/login-sso-${device}.png` });
  }
  await resizeTo(page, { width: 1280, height: 800 });

  await page.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/interaction\//);
  await atProvider(page, SSO_PEOPLE.reporter.login);

  await expect(page).toHaveURL(/\/newsroom$/);
  await expect(page.getByRole("heading", { name: "Stories" })).toBeVisible();
  // The newsroom account (its name, not the provider's) is the one signed in.
  await expect(page.getByText(people.reporter.name).first()).toBeVisible();
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user).toMatchObject({
    email: people.reporter.email,
    name: people.reporter.name,
    id: expect.any(String),
  });
  // Her session works like a password one: she can start a story.
  const created = await page.request.post("/api/stories", {
    data: { headline: "Signed in by single sign-on" },
  });
  expect(created.status()).toBe(201);
});

test("someone the provider knows but the newsroom does not is sent back to sign in, told why", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await atProvider(page, SSO_PEOPLE.stranger.login);

  await expect(page).toHaveURL(/\/login\?.*error=SsoNotInvited/);
  const alert = page
    .getByRole("form", { name: "Sign in", exact: true })
    .getByRole("alert");
  await expect(alert).toHaveText(
    `No newsroom account has the e-mail address ${SSO_NAME} gave. Ask an admin to invite you.`,
  );
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session?.user).toBeUndefined();
  for (const [device, width, height] of [
    ["desktop", 1280, 800],
    ["phone", 390, 844],
  ] as const) {
    await resizeTo(page, { width, height });
    await page.screenshot({
      path: `${SCREENS}/login-sso-refused-${device}.png`,
    });
  }
  // The password form still works, and its own messages replace the notice.
  await page
    .getByRole("textbox", { name: "E-mail" })
    .fill(people.reporter.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(alert).toHaveText(
    "That e-mail and password do not match an account.",
  );
});
