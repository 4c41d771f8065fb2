import { expect, test, type Locator, type Page } from "./journey";
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
  await expect
    .poll(() => documentText(d.body))
    .toContain("Mina's sentence goes.");

  await mina.page.getByRole("button", { name: "Undo" }).click();
  await expect(m.body).not.toContainText("Mina's sentence goes.");
  await expect(d.body).not.toContainText("Mina's sentence goes.");
  await expect(m.body).toContainText("Daniel's sentence stays.");
  await expect(d.body).toContainText("Daniel's sentence stays.");
  await mina.page.keyboard.press("Control+Shift+z");
  // The text without Mina's caret label, which sits wherever redo leaves her caret.
  await expect
    .poll(() => documentText(d.body))
    .toContain("Mina's sentence goes.");
  await close();
});

// One person composes 한국어 three times (IME composition events as Chromium's DevTools protocol
// sends them) while a colleague, who pressed Ctrl+Home, types at the start of the same paragraph.
// Twenty rounds in one paragraph: the failure this guards against (intermediate jamo committed as
// text) was intermittent, 13 runs in 38 before the y-tiptap patch.
test("Korean typed through an IME while a colleague types at the start of the same paragraph ends exactly as intended, 20 times", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  const ime = await mina.context.newCDPSession(mina.page);
  const word = ["ㅎ", "하", "한", "한ㄱ", "한구", "한국", "한국ㅇ", "한국어"];
  const often = { intervals: [25] };
  await d.body.click();
  await daniel.page.keyboard.type("[D]");
  await expect.poll(() => documentText(m.body), often).toBe("[D]");
  await m.body.click();
  await mina.page.keyboard.press("End");

  let typed = 0;
  for (let round = 1; round <= 20; round++) {
    await daniel.page.keyboard.press("Control+Home");
    let typing = true;
    const colleague = (async () => {
      while (typing) {
        await daniel.page.keyboard.type("x");
        typed += 1;
        // A fast typist's pace: a keystroke every ~50 ms.
        await daniel.page.waitForTimeout(40);
      }
    })();
    for (let i = 0; i < 3; i++) {
      for (const text of word) {
        await ime.send("Input.imeSetComposition", {
          text,
          selectionStart: text.length,
          selectionEnd: text.length,
        });
        // A typist's pace between jamo, so the colleague's edits land mid-composition.
        await mina.page.waitForTimeout(15);
      }
      await ime.send("Input.insertText", { text: word.at(-1)! });
    }
    typing = false;
    await colleague;

    const expected = `${"x".repeat(typed)}[D]${"한국어".repeat(3 * round)}`;
    const each = { ...often, message: `round ${round}` };
    await expect.poll(() => documentText(m.body), each).toBe(expected);
    await expect.poll(() => documentText(d.body), each).toBe(expected);
  }
  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  await close();
});

/**
 * From now on the page tells the editor of a moved caret (`selectionchange`) only `ms` later,
 * as a busy page does: the next key comes first.
 */
async function holdBackSelectionChanges(page: Page, ms: number) {
  await page.evaluate((delay) => {
    const late = new WeakSet<Event>();
    window.addEventListener(
      "selectionchange",
      (event) => {
        if (late.has(event)) return;
        event.stopImmediatePropagation();
        setTimeout(() => {
          const again = new Event("selectionchange");
          late.add(again);
          document.dispatchEvent(again);
        }, delay);
      },
      true,
    );
  }, ms);
}

test("each key acts where the key before it left the caret, even when the page reports the move late", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  await m.body.click();
  await mina.page.keyboard.type("Harbour reopens after the storm.");
  await expect(d.body).toContainText("after the storm.");

  // Daniel's caret is at the start when the page starts lagging; Ctrl+End, then Enter at once.
  await d.body.click();
  await daniel.page.keyboard.press("Control+Home");
  await expect
    .poll(() =>
      daniel.page.evaluate(() => window.getSelection()?.focusOffset ?? -1),
    )
    .toBe(0);
  await daniel.page.waitForTimeout(200);
  await holdBackSelectionChanges(daniel.page, 300);
  await daniel.page.keyboard.press("Control+End");
  await daniel.page.keyboard.press("Enter");
  await daniel.page.keyboard.type("Ferries resume.");
  // Shift+Home selects the new line, and Ctrl+K links what it selected, not an empty caret.
  await daniel.page.keyboard.press("Shift+Home");
  await daniel.page.keyboard.press("Control+k");
  await daniel.page.getByLabel("Link address").fill("example.com/ferries");
  await daniel.page.getByRole("button", { name: "Apply" }).click();
  await expectSaved(daniel.page);

  for (const field of [d.body, m.body]) {
    await expect
      .poll(() => paragraphsOf(field))
      .toEqual(["Harbour reopens after the storm.", "Ferries resume."]);
    await expect(
      field.getByRole("link", { name: "Ferries resume." }),
    ).toHaveAttribute("href", "https://example.com/ferries");
  }
  await close();
});

/** Each paragraph's text, without colleagues' caret labels. */
async function paragraphsOf(field: Locator): Promise<string[]> {
  return Promise.all((await field.locator("p").all()).map(documentText));
}
