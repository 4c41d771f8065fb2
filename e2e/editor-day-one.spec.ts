import { expect, test } from "@playwright/test";
import { createStory, editor, expectSaved, personAt } from "./fixtures";

test("the read-only notice stays in view under the sticky bar while the story scrolls", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  await mina.page.setViewportSize({ width: 1280, height: 600 });
  const id = await createStory(mina.context, "A long story under review");
  await mina.page.goto(`/newsroom/stories/${id}`);
  await editor(mina.page).body.click();
  await mina.page.keyboard.type("A paragraph of the story.\n".repeat(30));
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();

  const notice = mina.page
    .getByRole("note")
    .filter({ hasText: "Submitted for review" });
  await expect(notice).toBeVisible();
  await mina.page.evaluate(() =>
    window.scrollTo(0, document.scrollingElement!.scrollHeight),
  );
  await expect
    .poll(() => mina.page.evaluate(() => window.scrollY))
    .toBeGreaterThan(400);
  await expect(notice).toBeInViewport({ ratio: 1 });
  // Nothing covers it: the element at its centre is the notice itself.
  const box = (await notice.boundingBox())!;
  const onTop = await mina.page.evaluate(
    ([x, y]) =>
      document.elementFromPoint(x!, y!)?.closest('[role="note"]')
        ?.textContent ?? null,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(onTop).toContain("Submitted for review");
  await mina.context.close();
});
