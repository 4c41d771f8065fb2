import { expect, test } from "@playwright/test";
import {
  documentText,
  editor,
  expectSaved,
  photo,
  twoReportersOnNewStory,
} from "./fixtures";

test("two people type into headline, body and the same caption at once and end with identical documents", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);

  // Mina adds a photo; Daniel sees it appear, caption field and all.
  await m.body.click();
  await mina.page.keyboard.type("Heavy rain flooded Seoul.");
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("flood.jpg"));
  await expect(m.body.locator("figure img")).toBeVisible();
  await expect(d.body.locator("figure img")).toBeVisible();
  await expect(d.body.locator("figure img")).toHaveAttribute(
    "src",
    /^\/uploads\/[0-9a-f]{32}\.jpg$/,
  );
  await expect(
    d.body.getByText("Missing caption, alt text and credit"),
  ).toBeVisible();

  // Both type at the same moment: headline (start and end), body (different paragraphs), one caption.
  await m.headline.click();
  await mina.page.keyboard.press("Home");
  await d.headline.click();
  await daniel.page.keyboard.press("End");
  await Promise.all([
    mina.page.keyboard.type("Floods: "),
    daniel.page.keyboard.type("Capital under water"),
  ]);
  await m.body.getByText("Heavy rain flooded Seoul.").click();
  await mina.page.keyboard.press("End");
  await d.body.getByRole("textbox", { name: "Caption" }).click();
  await Promise.all([
    mina.page.keyboard.type(" Rivers burst their banks."),
    daniel.page.keyboard.type("Cars stranded in Gangnam"),
  ]);
  await m.body.getByRole("textbox", { name: "Caption" }).click();
  await mina.page.keyboard.press("End");
  await d.body.getByRole("textbox", { name: "Caption" }).click();
  await daniel.page.keyboard.press("End");
  await Promise.all([
    mina.page.keyboard.type(" on Monday"),
    daniel.page.keyboard.type("."),
  ]);

  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  for (const page of [mina.page, daniel.page]) {
    const e = editor(page);
    await expect(e.headline).toContainText("Floods: ");
    await expect(e.headline).toContainText("Capital under water");
    await expect(e.body).toContainText(
      "Heavy rain flooded Seoul. Rivers burst their banks.",
    );
    await expect(
      e.body.getByRole("textbox", { name: "Caption" }),
    ).toContainText("Cars stranded in Gangnam");
    await expect(
      e.body.getByRole("textbox", { name: "Caption" }),
    ).toContainText("on Monday");
  }
  expect(await documentText(m.headline)).toBe(await documentText(d.headline));
  expect(await documentText(m.body)).toBe(await documentText(d.body));
  const caption = (e: typeof m) =>
    documentText(e.body.getByRole("textbox", { name: "Caption" }));
  expect(await caption(m)).toBe(await caption(d));
  // Each person's run of typing arrives whole: nothing doubled, nothing out of order.
  expect([
    "Floods: Capital under water",
    "Capital under waterFloods: ",
  ]).toContain(await documentText(m.headline));

  // Credit and alt text are shared too, and the warning goes away.
  await m.body.getByRole("textbox", { name: "Credit" }).click();
  await mina.page.keyboard.type("Yonhap");
  await m.body.getByRole("textbox", { name: "Alt text" }).click();
  await mina.page.keyboard.type("Flooded street in Gangnam");
  await expect(d.body.getByRole("textbox", { name: "Credit" })).toHaveText(
    "Yonhap",
  );
  await expect(d.body.getByText(/Missing/)).toHaveCount(0);

  await mina.page.screenshot({
    path: "test-results/screens/editor-two-people.png",
  });
  await close();
});

test("two people starting to type into the same empty field or new paragraph at once: nothing doubled or misplaced", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  await m.headline.click();
  await d.headline.click();
  await Promise.all([
    mina.page.keyboard.type("Floods: "),
    daniel.page.keyboard.type("Capital under water"),
  ]);
  await m.body.click();
  await mina.page.keyboard.type("First.");
  await mina.page.keyboard.press("Enter");
  await d.body.getByText("First.").click();
  await daniel.page.keyboard.press("End");
  await daniel.page.keyboard.press("ArrowDown");
  await Promise.all([
    mina.page.keyboard.type("Alpha beta"),
    daniel.page.keyboard.type("Gamma delta"),
  ]);
  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  const headline = await documentText(m.headline);
  expect([
    "Floods: Capital under water",
    "Capital under waterFloods: ",
  ]).toContain(headline);
  expect(await documentText(d.headline)).toBe(headline);
  const body = await documentText(m.body);
  expect([
    "First.Alpha betaGamma delta",
    "First.Gamma deltaAlpha beta",
  ]).toContain(body);
  expect(await documentText(d.body)).toBe(body);
  await close();
});

test("undo takes back only your own typing, never a colleague's", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  await d.body.click();
  await daniel.page.keyboard.type("Daniel's sentence stays.");
  await expect(m.body).toContainText("Daniel's sentence stays.");
  await m.body.click();
  await mina.page.keyboard.press("Control+End");
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.type("Mina's sentence goes.");
  await expect(d.body).toContainText("Mina's sentence goes.");

  await mina.page.getByRole("button", { name: "Undo" }).click();
  await expect(m.body).not.toContainText("Mina's sentence goes.");
  await expect(d.body).not.toContainText("Mina's sentence goes.");
  await expect(m.body).toContainText("Daniel's sentence stays.");
  await expect(d.body).toContainText("Daniel's sentence stays.");
  await mina.page.keyboard.press("Control+Shift+z");
  await expect(d.body).toContainText("Mina's sentence goes.");
  await close();
});

test("Korean typed through an IME while a colleague types in the same paragraph ends exactly as intended", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  await d.body.click();
  await daniel.page.keyboard.type("[D]");
  await expect(m.body).toContainText("[D]");
  await m.body.click();
  await mina.page.keyboard.press("End");

  const ime = await mina.context.newCDPSession(mina.page);
  let remote = 0;
  const remoteKeystroke = async () => {
    remote += 1;
    await daniel.page.keyboard.press("Home");
    await daniel.page.keyboard.type(String(remote));
    await expect(m.body).toContainText(`${remote}`);
  };
  // 한국어: each syllable composed from jamo, with Daniel typing in the same paragraph mid-composition.
  for (const steps of [
    ["ㅎ", "하", "한"],
    ["ㄱ", "구", "국"],
    ["ㅇ", "어"],
  ]) {
    for (const text of steps) {
      await ime.send("Input.imeSetComposition", {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
      await remoteKeystroke();
    }
    await ime.send("Input.insertText", { text: steps.at(-1)! });
  }
  await mina.page.keyboard.type(" 뉴스");

  const expected = `${[...Array(remote).keys()].map((i) => remote - i).join("")}[D]한국어 뉴스`;
  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  expect(await documentText(m.body)).toBe(expected);
  expect(await documentText(d.body)).toBe(expected);
  await close();
});
