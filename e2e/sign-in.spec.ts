import { expect, test } from "./journey";
import { PASSWORD, pageWithoutScript, people } from "./fixtures";

test("a wrong password keeps the e-mail, clears the password, focuses it and is announced", async ({
  page,
}) => {
  await page.goto("/login");
  const email = page.getByRole("textbox", { name: "E-mail" });
  const password = page.getByLabel("Password");
  // The live region is in the page before anything goes wrong, so its message is announced.
  const live = page
    .getByRole("form", { name: "Sign in", exact: true })
    .getByRole("alert");
  await expect(live).toHaveAttribute("aria-live", "assertive");
  await expect(live).toBeEmpty();

  await email.fill(people.reporter.email);
  await password.fill("not the password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(live).toHaveText(
    "That e-mail and password do not match an account.",
  );
  await expect(email).toHaveValue(people.reporter.email);
  await expect(password).toHaveValue("");
  await expect(password).toBeFocused();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(
    "That e-mail and password do not match an account.",
  );

  // The next attempt is typed straight into the focused field.
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/newsroom$/);
});

test("before the sign-in page's script runs, nothing can send the password, least of all in the address", async ({
  browser,
}) => {
  const { context, page } = await pageWithoutScript(browser);
  await page.goto("/login");
  await page
    .getByRole("textbox", { name: "E-mail" })
    .fill(people.reporter.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await expect(
    page.getByRole("button", { name: "Sign in", exact: true }),
  ).toBeDisabled();
  // Enter does not send it either: a form whose submit button is disabled is not submitted.
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/login$/);
  await expect(
    page.getByRole("form", { name: "Sign in", exact: true }),
  ).toHaveAttribute("method", "post");
  await context.close();
});
