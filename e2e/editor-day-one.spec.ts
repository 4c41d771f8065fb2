import { expect, test } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  personAt,
  photo,
  publishThroughDesk,
  resizeTo,
} from "./fixtures";

test("the read-only notice stays in view under the sticky bar while the story scrolls", async ({
  browser,
}) => {
  // Several people, a photo or many keystrokes: slow on a loaded machine.
  test.slow();
  const mina = await personAt(browser, "reporter");
  await resizeTo(mina.page, { width: 1280, height: 500 });
  const id = await createStory(mina.context, "A long story under review");
  await mina.page.goto(`/newsroom/stories/${id}`);
  await editor(mina.page).body.click();
  for (let i = 0; i < 15; i++) {
    await mina.page.keyboard.insertText(`Paragraph ${i + 1} of the story.`);
    await mina.page.keyboard.press("Enter");
  }
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
    .toBeGreaterThan(300);
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

test("a colleague who can only read sees what is empty said so, and details they cannot change look it", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(
    mina.context,
    "Night buses cut on the east side",
  );
  const daniel = await personAt(browser, "reporter2");
  await daniel.page.goto(`/newsroom/stories/${id}`);
  await expect(editor(daniel.page).status).toHaveText("Connected · read-only");

  // Empty fields say so, instead of the invitation to write (or nothing at all).
  const emptyNote = (name: string) =>
    daniel.page
      .getByRole("textbox", { name, exact: true })
      .locator("p")
      .first()
      .evaluate((p) =>
        getComputedStyle(p, "::before").content.replace(/^"|"$/g, ""),
      );
  expect(await emptyNote("Deck")).toBe("No standfirst yet");
  expect(await emptyNote("Story text")).toBe("Nothing written yet");

  const details = daniel.page.getByRole("tabpanel", { name: "Details" });
  await expect(
    details.locator(".panel-field").filter({ hasText: "Tags" }),
  ).toContainText("None.");
  // A field he cannot change is greyed, not white like one he could type in.
  const dateline = details.getByRole("textbox", { name: "Dateline" });
  await expect(dateline).toBeDisabled();
  await expect(dateline).toHaveCSS("background-color", "rgb(245, 246, 248)");
  await expect(dateline).toHaveCSS("cursor", "not-allowed");
  await daniel.context.close();
  await mina.context.close();
});

test("the side panel's tabs work from the keyboard: arrows, Home and End move between them, Tab leaves them", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(mina.context, "Tabs by keyboard");
  await mina.page.goto(`/newsroom/stories/${id}`);
  await expectSaved(mina.page);
  const tab = (name: string) => mina.page.getByRole("tab", { name });
  await tab("Details").focus();
  const expectOn = async (name: string) => {
    await expect(tab(name)).toBeFocused();
    await expect(tab(name)).toHaveAttribute("aria-selected", "true");
    await expect(mina.page.getByRole("tabpanel", { name })).toBeVisible();
  };
  await mina.page.keyboard.press("ArrowRight");
  await expectOn("Comments");
  await mina.page.keyboard.press("ArrowLeft");
  await mina.page.keyboard.press("ArrowLeft");
  await expectOn("History");
  await mina.page.keyboard.press("Home");
  await expectOn("Details");
  await mina.page.keyboard.press("End");
  await expectOn("History");
  await mina.page.keyboard.press("ArrowRight");
  await expectOn("Details");
  // Only the selected tab is a Tab stop: the next one is in the panel, not another tab.
  await mina.page.keyboard.press("Tab");
  expect(
    await mina.page.evaluate(() =>
      document.activeElement?.getAttribute("role"),
    ),
  ).not.toBe("tab");
  await mina.context.close();
});

test("an empty caption shows its placeholder, and a missing caption is flagged like alt text and credit", async ({
  browser,
}) => {
  // Several people, a photo or many keystrokes: slow on a loaded machine.
  test.slow();
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

test("the web address in the details follows the server live: published by the desk, it shows the real address without a reload", async ({
  browser,
}) => {
  // Several people, a photo or many keystrokes: slow on a loaded machine.
  test.slow();
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const id = await createStory(mina.context);
  await mina.page.goto(`/newsroom/stories/${id}`);
  // The headline is typed after the story was made: the stored address is still a placeholder.
  await editor(mina.page).headline.click();
  await mina.page.keyboard.type("Lanterns light up Cheonggyecheon");
  await editor(mina.page).body.click();
  await mina.page.keyboard.type("The festival opens on Friday.");
  await expectSaved(mina.page);
  const address = mina.page
    .getByRole("tabpanel", { name: "Details" })
    .getByText(/^\/news\//);
  await expect(address).toHaveText(/^\/news\/lanterns-light-up-cheonggyecheon/);

  await publishThroughDesk(mina.context, grace.context, id);
  const published = (await (
    await grace.context.request.get(`/api/stories/${id}`)
  ).json()) as { slug: string };
  await expect(address).toHaveText(`/news/${published.slug}`, {
    timeout: 15_000,
  });
  await expect(
    mina.page.getByText("Published: if an editor changes it"),
  ).toBeVisible();

  // An editor's change of address shows in the other's panel too.
  await grace.page.goto(`/newsroom/stories/${id}`);
  await grace.page
    .getByRole("tabpanel", { name: "Details" })
    .getByRole("button", { name: "Change" })
    .click();
  await grace.page.getByRole("textbox", { name: "Slug" }).fill("lanterns-2027");
  await grace.page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    grace.page
      .getByRole("tabpanel", { name: "Details" })
      .getByText(/^\/news\//),
  ).toHaveText("/news/lanterns-2027");
  await expect(address).toHaveText("/news/lanterns-2027", { timeout: 15_000 });
  await mina.context.close();
  await grace.context.close();
});

test("on a slow connection the story's text cannot be typed into before it has arrived, so no stray first paragraph is made", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const id = await createStory(mina.context, "Slow line");
  // Everything the collaboration server sends arrives 1.5 s late, in order.
  await mina.page.routeWebSocket(
    (url) => url.pathname === `/stories/${id}`,
    (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        setTimeout(() => ws.send(message), 1500);
      });
    },
  );
  await mina.page.goto(`/newsroom/stories/${id}`);
  const m = editor(mina.page);
  // Typed as soon as the text box can be clicked.
  await m.body.click();
  await mina.page.keyboard.type("First words.");
  await expectSaved(mina.page);
  await expect(m.body.locator("p")).toHaveCount(1);
  await expect(m.body.locator("p")).toHaveText("First words.");
  // And so in the stored story: a reload shows one paragraph.
  await mina.page.unrouteAll();
  await mina.page.reload();
  await expect(editor(mina.page).body.locator("p")).toHaveText("First words.");
  await mina.context.close();
});
