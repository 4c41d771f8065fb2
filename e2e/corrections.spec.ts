import { expect, test, type Page } from "./journey";
import {
  expectSaved,
  personAt,
  publishThroughDesk,
  writeStory,
  resizeTo,
} from "./fixtures";

const SCREENS = "test-results/screens";
const viewports = [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1280, height: 900 }],
] as const;

/** Screenshots of `locator`'s page scrolled to it, at phone and desktop widths. */
async function screens(page: Page, name: string, selector?: string) {
  for (const [device, viewport] of viewports) {
    await resizeTo(page, viewport);
    if (selector) await page.locator(selector).scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SCREENS}/${name}-${device}.png`,
      fullPage: !selector,
    });
  }
}

test("the desk republishes with a correction, then a clarification: readers see both at the article's foot and on /corrections, newest first, and in its JSON-LD", async ({
  browser,
}) => {
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const headline = "Ferry service resumes after storm";
  const id = await writeStory(
    mina,
    headline,
    "Ferries to Jeju resumed on Tuesday after a two-day halt.",
  );
  await publishThroughDesk(mina.context, grace.context, id);

  const page = grace.page;
  await page.goto(`/newsroom/stories/${id}`);
  await expectSaved(page);
  const republish = async (
    kind: "Correction" | "Clarification",
    text: string,
  ) => {
    await page.getByRole("button", { name: "Republish" }).click();
    const dialog = page.getByRole("dialog", {
      name: `Republish “${headline}”?`,
    });
    const choice = dialog.getByRole("group", {
      name: "Note to readers (optional)",
    });
    // A correction unless the desk says otherwise.
    await expect(
      choice.getByRole("radio", { name: "Correction" }),
    ).toBeChecked();
    await choice.getByRole("radio", { name: kind }).check();
    await dialog
      .getByRole("textbox", {
        name: `${kind} shown at the foot of the article`,
      })
      .fill(text);
    if (kind === "Clarification")
      await page.screenshot({ path: `${SCREENS}/republish-clarification.png` });
    await dialog.getByRole("button", { name: "Republish" }).click();
    await expect(dialog).toHaveCount(0);
  };
  await republish(
    "Correction",
    "An earlier version of this story misstated the day service resumed. It was Tuesday.",
  );
  await republish(
    "Clarification",
    "This story has been updated to make clear that only the Jeju route was halted.",
  );
  // Republishing without a note keeps the earlier ones.
  await page.getByRole("button", { name: "Republish" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: "Republish" })
    .click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const details = (await (
    await grace.context.request.get(`/api/stories/${id}`)
  ).json()) as {
    slug: string;
    corrections: Array<{ kind: string; by: { name: string } | null }>;
  };
  expect(details.corrections.map((c) => [c.kind, c.by?.name])).toEqual([
    ["clarification", "Grace Lee"],
    ["correction", "Grace Lee"],
  ]);

  // A reader, signed out.
  const reader = await browser.newContext();
  const site = await reader.newPage();
  await site.goto(`/news/${details.slug}`);
  const foot = site.getByRole("region", {
    name: "Corrections and clarifications",
  });
  await expect(foot.getByRole("listitem")).toHaveText([
    /^Clarification.*only the Jeju route was halted\.$/,
    /^Correction.*It was Tuesday\.$/,
  ]);
  const jsonLd = JSON.parse(
    (await site.locator('script[type="application/ld+json"]').textContent()) ??
      "{}",
  ) as { correction?: Array<Record<string, string>> };
  expect(jsonLd.correction?.map((c) => [c["@type"], c.name])).toEqual([
    ["CorrectionComment", "Clarification"],
    ["CorrectionComment", "Correction"],
  ]);
  await screens(site, "article-corrections", ".article-corrections");

  await foot
    .getByRole("link", { name: "All corrections and clarifications" })
    .click();
  await expect(site).toHaveURL(/\/corrections$/);
  await expect(
    site.getByRole("heading", {
      level: 1,
      name: "Corrections and clarifications",
    }),
  ).toBeVisible();
  const items = site.getByRole("main").getByRole("listitem");
  await expect(items.nth(0)).toContainText("only the Jeju route was halted");
  await expect(items.nth(1)).toContainText("It was Tuesday.");
  await screens(site, "corrections");
  await items.nth(0).getByRole("link", { name: headline }).click();
  await expect(site).toHaveURL(new RegExp(`/news/${details.slug}$`));
  await expect(
    site.getByRole("link", { name: "Corrections", exact: true }),
  ).toBeVisible();

  // Taken off the site, its corrections leave the list with it.
  const off = await grace.context.request.post(
    `/api/stories/${id}/transitions`,
    { data: { to: "unpublished" } },
  );
  expect(off.ok()).toBe(true);
  await expect
    .poll(async () =>
      (await (await reader.request.get("/corrections")).text()).includes(
        "only the Jeju route",
      ),
    )
    .toBe(false);
  await reader.close();
  await mina.context.close();
  await grace.context.close();
});

test("corrections through the API: a kind of the list only, never on a first publication or a schedule, and only by the desk", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await writeStory(
    mina,
    "Council approves budget",
    "The council approved the budget.",
  );
  const move = (who: "mina" | "grace", data: Record<string, unknown>) =>
    (who === "mina" ? mina : grace).context.request.post(
      `/api/stories/${id}/transitions`,
      { data },
    );
  const refused = async (
    who: "mina" | "grace",
    data: Record<string, unknown>,
    status: number,
    code: string,
  ) => {
    const response = await move(who, data);
    expect(response.status(), await response.text()).toBe(status);
    expect(
      ((await response.json()) as { error: { code: string } }).error.code,
    ).toBe(code);
  };
  expect((await move("mina", { to: "submitted" })).ok()).toBe(true);
  expect((await move("grace", { to: "approved" })).ok()).toBe(true);
  await refused(
    "grace",
    { to: "published", correction: "Too early." },
    422,
    "validation_failed",
  );
  await refused(
    "grace",
    {
      to: "published",
      correction: "Scheduled.",
      at: new Date(Date.now() + 3_600_000).toISOString(),
    },
    422,
    "validation_failed",
  );
  expect((await move("grace", { to: "published" })).ok()).toBe(true);
  await refused(
    "grace",
    { to: "published", correction: "A note.", correctionKind: "retraction" },
    422,
    "validation_failed",
  );
  await refused(
    "grace",
    { to: "published", correction: "x".repeat(1001) },
    422,
    "validation_failed",
  );
  await refused(
    "mina",
    { to: "published", correction: "By a reporter." },
    403,
    "forbidden",
  );
  const ok = await move("grace", {
    to: "published",
    correction: "The vote was 7-2, not 6-3.",
  });
  expect(ok.ok()).toBe(true);
  expect(
    (
      (await ok.json()) as {
        corrections: Array<{ kind: string; text: string }>;
      }
    ).corrections,
  ).toMatchObject([{ kind: "correction", text: "The vote was 7-2, not 6-3." }]);
  await mina.context.close();
  await grace.context.close();
});
