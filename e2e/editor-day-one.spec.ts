import { expect, test } from "@playwright/test";
import { createStory, editor, expectSaved, personAt, photo } from "./fixtures";

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

test("an empty caption shows its placeholder, and a missing caption is flagged like alt text and credit", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(mina.context, "Rain in Seoul");
  await mina.page.goto(`/newsroom/stories/${id}`);
  const body = editor(mina.page).body;
  await body.click();
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("rain.jpg"));
  const caption = body.getByLabel("Caption");
  await expect(caption).toBeVisible();

  // The placeholder is drawn over the empty caption's line, in a colour that can be read.
  const placeholder = () =>
    caption.evaluate((el) => {
      const before = getComputedStyle(el, "::before");
      return { content: before.content, height: parseFloat(before.height) };
    });
  await expect
    .poll(async () => (await placeholder()).content)
    .toBe('"Write a caption…"');
  expect((await placeholder()).height).toBeGreaterThan(10);
  await expect(
    body.getByText("Missing caption, alt text and credit"),
  ).toBeVisible();

  await caption.click();
  await mina.page.keyboard.type("Umbrellas on Sejong-daero");
  await expect.poll(async () => (await placeholder()).content).toBe("none");
  await expect(body.getByText("Missing alt text and credit")).toBeVisible();
  await mina.page.getByLabel("Credit").fill("Yonhap");
  await mina.page.getByLabel("Alt text").fill("People with umbrellas");
  await expect(body.getByText(/Missing/)).toHaveCount(0);
  await mina.context.close();
});
