import { expect, test } from "./journey";
import { editor, expectSaved, personAt, publishThroughDesk } from "./fixtures";

test("a story written in Korean is published and reads properly on the site", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const created = await mina.context.request.post("/api/stories", {
    data: { headline: "서울 폭우로 도로 곳곳 통제" },
  });
  const { id, slug } = (await created.json()) as { id: string; slug: string };
  expect(slug).toMatch(/^story-[0-9a-f]{8}$/);
  await mina.page.goto(`/newsroom/stories/${id}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type(
    "밤사이 내린 폭우로 서울 시내 도로 곳곳이 통제됐다.",
  );
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.type(
    "기상청은 오후까지 비가 이어질 것으로 내다봤다.",
  );
  await expectSaved(mina.page);
  await publishThroughDesk(mina.context, grace.context, id);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/news/${slug}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(
    "서울 폭우로 도로 곳곳 통제",
  );
  await expect(reader.locator("article")).toHaveAttribute("lang", "ko");
  await expect(
    reader.getByText("밤사이 내린 폭우로 서울 시내 도로 곳곳이 통제됐다."),
  ).toBeVisible();
  await expect(
    reader.getByText("기상청은 오후까지 비가 이어질 것으로 내다봤다."),
  ).toBeVisible();
  await reader.screenshot({
    path: "test-results/screens/site-article-korean.png",
  });
  await reader.context().close();
  await mina.context.close();
  await grace.context.close();
});
