import { expect, test, type Page } from "./journey";
import {
  editor,
  expectSaved,
  people,
  personAt,
  twoReportersOnNewStory,
  resizeTo,
} from "./fixtures";
import { HEADLINE } from "./site-sample";

const legend = (page: Page) =>
  page.getByRole("list", { name: "Words by person" });

test("two people write; Who wrote what colours the text by writer and counts their words", async ({
  browser,
}) => {
  const { mina, daniel, storyId, close } =
    await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);

  await m.body.click();
  await mina.page.keyboard.type("Harbour reopens after the storm.");
  await expect(d.body).toContainText("after the storm.");
  await d.body.click();
  await daniel.page.keyboard.press("Control+End");
  await daniel.page.keyboard.press("Enter");
  await daniel.page.keyboard.type("Ferries resume on Monday, officials said.");
  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  await expect(m.body).toContainText("officials said.");

  const toggle = mina.page.getByRole("button", { name: "Who wrote what" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(legend(mina.page)).toContainText(
    `${people.reporter.name} 5 words`,
  );
  await expect(legend(mina.page)).toContainText(
    `${people.reporter2.name} 6 words`,
  );
  // Each person's text is tinted in their own colour; the document itself is unchanged.
  const tint = async (text: string) =>
    m.body
      .locator(".authored", { hasText: text })
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  const minas = await tint("Harbour reopens");
  const daniels = await tint("Ferries resume");
  expect(minas).not.toBe("rgba(0, 0, 0, 0)");
  expect(daniels).not.toBe("rgba(0, 0, 0, 0)");
  expect(minas).not.toBe(daniels);

  // The view follows live edits.
  await daniel.page.keyboard.type(" More later today.");
  await expect(legend(mina.page)).toContainText(
    `${people.reporter2.name} 9 words`,
  );
  await expect(
    m.body.locator(".authored", { hasText: "More later today." }),
  ).toHaveCount(1);
  await expectSaved(daniel.page);

  // Daniel reloads: his editor writes under a new client id, which the view learns is his.
  await daniel.page.reload();
  await expectSaved(daniel.page);
  await d.body.click();
  await daniel.page.keyboard.press("Control+End");
  await daniel.page.keyboard.type(" Updated.");
  await expectSaved(daniel.page);
  await expect(legend(mina.page)).toContainText(
    `${people.reporter2.name} 10 words`,
  );
  await expect(legend(mina.page)).not.toContainText("Earlier text");
  expect(await tint("Updated.")).toBe(daniels);

  await resizeTo(mina.page, { width: 1280, height: 800 });
  // From the top: scrolled, the sticky toolbar covers the legend in a screenshot.
  await mina.page.evaluate(() => window.scrollTo(0, 0));
  await mina.page.screenshot({
    path: "test-results/screens/authorship-desktop.png",
  });
  await resizeTo(mina.page, { width: 390, height: 844 });
  await mina.page.evaluate(() => window.scrollTo(0, 0));
  await expect(toggle).toBeInViewport();
  expect(
    await mina.page.evaluate(
      () => document.documentElement.scrollWidth <= window.innerWidth,
    ),
  ).toBe(true);
  await mina.page.screenshot({
    path: "test-results/screens/authorship-phone.png",
  });

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(legend(mina.page)).toHaveCount(0);
  await expect(m.body.locator(".authored")).toHaveCount(0);

  // The summary, as the API gives it to anyone in the newsroom.
  const response = await daniel.context.request.get(
    `/api/stories/${storyId}/authorship`,
  );
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    people: Array<{ name: string; words: number }>;
    unattributed: number;
  };
  expect(body.people.map((p) => [p.name, p.words])).toEqual([
    [people.reporter2.name, 10],
    [people.reporter.name, 5],
  ]);
  expect(body.unattributed).toBe(0);
  await close();
});

test("the seeded sample's text is earlier text, and a bad story id is a JSON 404", async ({
  browser,
}) => {
  const grace = await personAt(browser, "editor");
  const list = (await (
    await grace.context.request.get(
      `/api/stories?q=${encodeURIComponent(HEADLINE)}`,
    )
  ).json()) as { stories: Array<{ id: string; headline: string }> };
  const sample = list.stories.find((s) => s.headline === HEADLINE)!;
  const authorship = (await (
    await grace.context.request.get(`/api/stories/${sample.id}/authorship`)
  ).json()) as { people: unknown[]; unattributed: number };
  expect(authorship.people).toEqual([]);
  expect(authorship.unattributed).toBeGreaterThan(100);

  // In the editor the sample is earlier text, untinted.
  await grace.page.goto(`/newsroom/stories/${sample.id}`);
  await expectSaved(grace.page);
  await grace.page.getByRole("button", { name: "Who wrote what" }).click();
  await expect(legend(grace.page)).toContainText(
    `Earlier text ${authorship.unattributed} words`,
  );
  await expect(
    editor(grace.page).body.locator(".authored.is-earlier").first(),
  ).toBeVisible();
  await grace.page.screenshot({
    path: "test-results/screens/authorship-earlier-text.png",
  });

  const bad = await grace.context.request.get(
    "/api/stories/not-a-story/authorship",
  );
  expect(bad.status()).toBe(404);
  expect(await bad.json()).toMatchObject({ error: { code: "not_found" } });
  await grace.context.close();
});
