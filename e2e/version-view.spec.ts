import { expect, test, type Locator } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  photo,
  publishThroughDesk,
} from "./fixtures";

/** The styles that make a quote a quote and set a photo's credit apart from its caption. */
async function looks(quote: Locator, credit: Locator) {
  const q = await quote.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      borderLeft: `${s.borderLeftWidth} ${s.borderLeftStyle} ${s.borderLeftColor}`,
      fontStyle: s.fontStyle,
      paddingLeft: s.paddingLeft,
    };
  });
  const c = await credit.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      before: getComputedStyle(el, "::before").content,
      after: getComputedStyle(el, "::after").content,
      marginLeft: s.marginLeft,
      color: s.color,
    };
  });
  return { quote: q, credit: c };
}

test("a version is shown as the article page shows it: quotes keep their styling, the credit stands apart from the caption", async ({
  browser,
}) => {
  // Several people, a photo or many keystrokes: slow on a loaded machine.
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await createStory(mina.context, "Rivers rise in March");
  await mina.page.goto(`/newsroom/stories/${id}`);
  const body = editor(mina.page).body;
  await body.click();
  await mina.page.keyboard.type("The mayor spoke at noon.");
  await mina.page.keyboard.press("Enter");
  await mina.page.getByRole("button", { name: "Quote" }).click();
  await mina.page.keyboard.type("We will rebuild every bridge.");
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("river.jpg"));
  await body.getByLabel("Caption").click();
  await mina.page.keyboard.type("The Han river in March.");
  await mina.page.getByLabel("Credit").fill("Yonhap");
  await mina.page.getByLabel("Alt text").fill("A swollen river");
  await expectSaved(mina.page);
  await publishThroughDesk(mina.context, grace.context, id);

  // The live article.
  const { liveUrl } = (await (
    await grace.context.request.get(`/api/stories/${id}`)
  ).json()) as { liveUrl: string };
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(liveUrl);
  const article = reader.getByRole("article");
  const live = await looks(
    article.getByRole("blockquote"),
    article.locator("figcaption small"),
  );
  expect(live.quote.borderLeft).toMatch(/^3px solid/);
  expect(live.credit.before).toBe('"("');

  // The version the reporter submitted, from the story's history.
  await grace.page.goto(`/newsroom/stories/${id}`);
  await grace.page.getByRole("tab", { name: "History" }).click();
  await grace.page
    .getByRole("list", { name: "Versions" })
    .getByRole("link", { name: "Submit for review" })
    .click();
  const version = grace.page.getByRole("article", { name: "This version" });
  await expect(version.getByRole("blockquote")).toHaveText(
    "We will rebuild every bridge.",
  );
  expect(
    await looks(
      version.getByRole("blockquote"),
      version.locator("figcaption small"),
    ),
  ).toEqual(live);
  await expect(version.getByRole("heading", { level: 2 })).toHaveText(
    "Rivers rise in March",
  );
  await reader.context().close();
  await mina.context.close();
  await grace.context.close();
});
