import { expect, test, type Locator, type Page } from "./journey";
import {
  createStory,
  documentText,
  editor,
  expectSaved,
  personAt,
  photo,
  resizeTo,
} from "./fixtures";

/** The text of the one suggested insertion or deletion in `field`, without a colleague's caret in it. */
async function expectSuggested(
  field: Locator,
  kind: "ins" | "del",
  text: string,
): Promise<void> {
  await expect
    .poll(() => documentText(field.locator(`${kind}.suggestion`)))
    .toBe(text);
}

/** The suggestions tab's list item for one suggestion, by what it does. */
function suggestion(page: Page, name: string) {
  return page.getByRole("listitem", { name });
}

async function move(page: Page, storyId: string, to: string, note?: string) {
  return page.request.post(`/api/stories/${storyId}/transitions`, {
    data: { to, ...(note ? { note } : {}) },
  });
}

test("the desk suggests, the reporter accepts one and rejects the other, and approval waits for both", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Council meets");
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("The council met on Tuesday.");
  await expectSaved(mina.page);

  // The editor switches to Suggesting and suggests an insertion and a deletion.
  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await expect(g.body).toContainText("The council met on Tuesday.");
  const suggesting = grace.page.getByRole("radio", { name: "Suggesting" });
  await suggesting.check();
  await expect(suggesting).toBeChecked();
  await g.body.click();
  await grace.page.keyboard.press("End");
  await grace.page.keyboard.press("ArrowLeft");
  await grace.page.keyboard.type(" evening");
  // Double-click the word where it is drawn (a key-by-key selection raced the caret's redraw).
  const word = await g.body.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf("council");
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + "council".length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  });
  await grace.page.mouse.dblclick(word!.x, word!.y);
  await grace.page.keyboard.press("Backspace");
  await expectSaved(grace.page);
  await expectSuggested(g.body, "ins", " evening");
  await expectSuggested(g.body, "del", "council");
  await resizeTo(grace.page, { width: 390, height: 844 });
  await grace.page.screenshot({ path: "test-results/suggesting-390.png" });
  await resizeTo(grace.page, { width: 1280, height: 720 });

  // The reporter sees both live, marked with who suggested them.
  await expectSuggested(m.body, "ins", " evening");
  await expectSuggested(m.body, "del", "council");
  // Who and when, on hover (the tooltip is on the text inside the mark).
  await expect(m.body.locator("ins.suggestion [title]")).toHaveAttribute(
    "title",
    /^Grace Lee suggested adding this/,
  );
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();
  const insertion = suggestion(mina.page, "Grace Lee: add “evening”");
  const deletion = suggestion(mina.page, "Grace Lee: remove “council”");
  await expect(insertion).toBeVisible();
  await expect(deletion).toBeVisible();
  await mina.page.screenshot({
    path: "test-results/suggestions-1280.png",
    fullPage: false,
  });
  await resizeTo(mina.page, { width: 390, height: 844 });
  await deletion.scrollIntoViewIfNeeded();
  await mina.page.screenshot({ path: "test-results/suggestions-390.png" });
  await resizeTo(mina.page, { width: 1280, height: 720 });

  // She discusses the deletion with the desk, from the suggestion itself.
  await deletion.getByRole("button", { name: "Discuss" }).click();
  await mina.page
    .getByRole("textbox", { name: "Comment" })
    .fill("Keep “council”: it is who met.");
  await mina.page.getByRole("button", { name: "Add comment" }).click();
  await expect(
    mina.page.getByRole("listitem", { name: "Comment on “council”" }),
  ).toContainText("Keep “council”: it is who met.");
  await grace.page.getByRole("tab", { name: "Comments" }).click();
  await expect(
    grace.page.getByText("Keep “council”: it is who met."),
  ).toBeVisible();
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();
  await deletion.getByRole("button", { name: "Open its discussion" }).click();
  await expect(
    mina.page.getByRole("tab", { name: "Comments" }),
  ).toHaveAttribute("aria-selected", "true");
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();

  // She accepts the insertion (by keyboard) and submits with the deletion still open.
  await insertion.getByRole("button", { name: "Accept" }).focus();
  await mina.page.keyboard.press("Enter");
  await expect(insertion).toBeHidden();
  await expect(m.body.locator("ins.suggestion")).toHaveCount(0);
  await expectSaved(mina.page);
  expect((await move(mina.page, storyId, "submitted")).status()).toBe(200);

  // Approval is refused while a suggestion is open.
  const refused = await move(grace.page, storyId, "approved");
  expect(refused.status()).toBe(409);
  expect(await refused.json()).toMatchObject({
    error: { code: "unresolved_suggestions", details: { count: 1 } },
  });

  // Returned to her, the reporter rejects the deletion; both see the same text.
  expect(
    (
      await move(grace.page, storyId, "draft", "Settle the suggestion")
    ).status(),
  ).toBe(200);
  await expect(m.body).toHaveAttribute("contenteditable", "true");
  await deletion.getByRole("button", { name: "Reject" }).click();
  await expect(deletion).toBeHidden();
  await expectSaved(mina.page);
  const decided = "The council met on Tuesday evening.";
  await expect.poll(() => documentText(m.body)).toBe(decided);
  await expect.poll(() => documentText(g.body)).toBe(decided);
  await expect(g.body.locator("ins, del")).toHaveCount(0);

  expect((await move(mina.page, storyId, "submitted")).status()).toBe(200);
  expect((await move(grace.page, storyId, "approved")).status()).toBe(200);

  await Promise.all([mina.context.close(), grace.context.close()]);
});

test("undo takes back one's own suggestion, and suggestions made offline merge", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Ferry resumes");
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("The ferry sails.");
  await expectSaved(mina.page);

  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await expect(g.body).toContainText("The ferry sails.");
  await grace.page.getByRole("radio", { name: "Suggesting" }).check();
  await g.body.click();
  await grace.page.keyboard.press("End");
  await grace.page.keyboard.press("ArrowLeft");
  await grace.page.keyboard.type(" again");
  await expectSuggested(g.body, "ins", " again");
  await grace.page.keyboard.press("Control+z");
  await expect(g.body.locator("ins.suggestion")).toHaveCount(0);
  await expect.poll(() => documentText(g.body)).toBe("The ferry sails.");

  // Offline, the editor suggests; the reporter edits meanwhile; both merge on reconnecting.
  await grace.context.setOffline(true);
  await expect(g.status).toContainText("Offline");
  await grace.page.keyboard.type(" today");
  await m.body.click();
  await mina.page.keyboard.press("Home");
  await mina.page.keyboard.type("Update: ");
  await expectSaved(mina.page);
  await expect(m.body.locator("ins.suggestion")).toHaveCount(0);
  await grace.context.setOffline(false);
  await expectSaved(grace.page);
  await expectSuggested(m.body, "ins", " today");
  const merged = "Update: The ferry sails today.";
  await expect.poll(() => documentText(m.body)).toBe(merged);
  await expect.poll(() => documentText(g.body)).toBe(merged);

  await Promise.all([mina.context.close(), grace.context.close()]);
});

test("Korean composed through an IME in suggesting mode is one suggestion of the whole word", async ({
  browser,
}) => {
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Language");
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("Word: .");
  await expectSaved(mina.page);

  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await expect(g.body).toContainText("Word: .");
  await grace.page.getByRole("radio", { name: "Suggesting" }).check();
  await g.body.click();
  await grace.page.keyboard.press("End");
  await grace.page.keyboard.press("ArrowLeft");
  const ime = await grace.context.newCDPSession(grace.page);
  for (const text of [
    "ㅎ",
    "하",
    "한",
    "한ㄱ",
    "한구",
    "한국",
    "한국ㅇ",
    "한국어",
  ]) {
    await ime.send("Input.imeSetComposition", {
      text,
      selectionStart: text.length,
      selectionEnd: text.length,
    });
    await grace.page.waitForTimeout(15);
  }
  await ime.send("Input.insertText", { text: "한국어" });
  await expectSaved(grace.page);

  const expected = "Word: 한국어.";
  await expect.poll(() => documentText(g.body)).toBe(expected);
  await expect.poll(() => documentText(m.body)).toBe(expected);
  await expectSuggested(m.body, "ins", "한국어");
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();
  await expect(
    mina.page
      .getByRole("list", { name: "Open suggestions" })
      .getByRole("listitem"),
  ).toHaveCount(1);
  await expect(suggestion(mina.page, "Grace Lee: add “한국어”")).toBeVisible();

  await Promise.all([mina.context.close(), grace.context.close()]);
});

test("a photo caption takes suggestions like the text, and the panel says where", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Ferries wait");
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("ferry.jpg"));
  const caption = m.body.getByRole("textbox", { name: "Caption" });
  await caption.click();
  await mina.page.keyboard.type("Boats at the pier");
  await expectSaved(mina.page);

  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  const graceCaption = g.body.getByRole("textbox", { name: "Caption" });
  await expect.poll(() => documentText(graceCaption)).toBe("Boats at the pier");
  await grace.page.getByRole("radio", { name: "Suggesting" }).check();
  await graceCaption.click();
  await grace.page.keyboard.press("End");
  await grace.page.keyboard.type(" in the rain");
  await expectSaved(grace.page);

  await expectSuggested(caption, "ins", " in the rain");
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();
  const item = suggestion(mina.page, "Grace Lee: add “in the rain”");
  await expect(item).toContainText("Photo caption");
  await item.getByRole("button", { name: "Accept" }).click();
  const decided = "Boats at the pier in the rain";
  await expect.poll(() => documentText(caption)).toBe(decided);
  await expect.poll(() => documentText(graceCaption)).toBe(decided);
  await expect(graceCaption.locator("ins")).toHaveCount(0);

  await Promise.all([mina.context.close(), grace.context.close()]);
});

test("in review the reporter suggests and comments, the desk accepts, and a direct change is never sent", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const mina = await personAt(browser, "reporter");
  const grace = await personAt(browser, "editor");
  const storyId = await createStory(mina.context, "Bridge repairs");
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("The bridge closes on Monday.");
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("bridge.jpg"));
  const credit = m.body.getByRole("textbox", { name: "Credit" });
  await credit.click();
  await mina.page.keyboard.type("Mina Park");
  await expectSaved(mina.page);
  await mina.page.getByRole("button", { name: "Submit for review" }).click();

  // Submitted: she may suggest, not edit; the formatting tools are off.
  await expect(
    mina.page.getByRole("note", { name: "Suggestions only" }),
  ).toContainText("you can suggest changes and comment");
  await expect(
    mina.page.getByRole("radio", { name: "Editing" }),
  ).toBeDisabled();
  await expect(
    mina.page.getByRole("radio", { name: "Suggesting" }),
  ).toBeChecked();
  await expect(
    mina.page.getByRole("button", { name: "Heading 2" }),
  ).toBeDisabled();
  const sentence = m.body.getByText("The bridge closes on Monday");
  await sentence.click();
  await mina.page.keyboard.press("End");
  await mina.page.keyboard.press("ArrowLeft");
  await mina.page.keyboard.type(" for a week");
  await expectSaved(mina.page);
  await expectSuggested(m.body, "ins", " for a week");
  // Moving, replacing or removing a photo is not a suggestion: not offered in review.
  await expect(
    m.body.getByRole("button", { name: "Remove photo" }),
  ).toHaveCount(0);

  // She comments on her sentence.
  await sentence.click({ clickCount: 3 });
  await mina.page.getByRole("button", { name: "Comment", exact: true }).click();
  await mina.page
    .getByRole("textbox", { name: "Comment" })
    .fill("The council confirmed the week this morning.");
  await mina.page.getByRole("button", { name: "Add comment" }).click();
  await expectSaved(mina.page);
  await mina.page.screenshot({ path: "test-results/review-suggest-1280.png" });

  // The desk sees both, and accepts her suggestion; she has no Accept of her own, only Reject.
  await grace.page.goto(`/newsroom/stories/${storyId}`);
  const g = editor(grace.page);
  await expectSuggested(g.body, "ins", " for a week");
  await mina.page.getByRole("tab", { name: "Suggestions" }).click();
  const hers = suggestion(mina.page, "Mina Park: add “for a week”");
  await expect(hers.getByRole("button", { name: "Reject" })).toBeVisible();
  await expect(hers.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await grace.page.getByRole("tab", { name: "Comments" }).click();
  await expect(
    grace.page.getByText("The council confirmed the week this morning."),
  ).toBeVisible();
  await grace.page.getByRole("tab", { name: "Suggestions" }).click();
  await suggestion(grace.page, "Mina Park: add “for a week”")
    .getByRole("button", { name: "Accept" })
    .click();
  await expectSaved(grace.page);
  await expect(m.body.locator("ins.suggestion")).toHaveCount(0);
  await expect
    .poll(() => documentText(m.body.locator("p").first()))
    .toBe("The bridge closes on Monday for a week.");
  // Nothing was refused: her connection is as it was.
  await expect(
    mina.page.getByRole("status").filter({ hasText: "All changes saved" }),
  ).toBeVisible();
  await mina.context.close();
  await grace.context.close();
});
