import { expect, test } from "./journey";
import {
  documentText,
  editor,
  expectSaved,
  photo,
  twoReportersOnNewStory,
} from "./fixtures";

test("two people typing into one photo's credit at once, then its alt text, end with the same text, each person's keystrokes together", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const d = editor(daniel.page);
  await m.body.click();
  await mina.page
    .getByLabel("Choose photos to insert")
    .setInputFiles(await photo("ferry.jpg"));
  await expect(d.body.locator("figure img")).toBeVisible();
  await expect(
    d.body.getByText("Missing caption, alt text and credit"),
  ).toBeVisible();

  const typed: Record<string, string> = {};
  for (const [name, minas, daniels] of [
    ["Credit", "Yonhap/", "Kim Hyun-soo"],
    ["Alt text", "Ferries moored at the pier", " in heavy rain"],
  ] as const) {
    const mine = m.body.getByRole("textbox", { name });
    const his = d.body.getByRole("textbox", { name });
    await mine.click();
    await his.click();
    // Keystroke by keystroke at the same moment, as two people type.
    await Promise.all([
      mina.page.keyboard.type(minas, { delay: 25 }),
      daniel.page.keyboard.type(daniels, { delay: 25 }),
    ]);
    await expectSaved(mina.page);
    await expectSaved(daniel.page);
    const text = await documentText(mine);
    // documentText leaves out the colleague's caret label shown inside the field.
    await expect.poll(() => documentText(his)).toBe(text);
    expect([minas + daniels, daniels + minas]).toContain(text);
    typed[name] = text;
  }
  // Credit and alt text are filled; only the caption is still missing.
  await expect(d.body.getByText(/Missing/)).toHaveText("⚠ Missing caption");
  await mina.page.screenshot({
    path: "test-results/screens/photo-fields-two-people.png",
  });

  // What both typed is stored: a fresh load shows it.
  await daniel.page.reload();
  const fresh = editor(daniel.page);
  for (const name of ["Credit", "Alt text"])
    await expect
      .poll(() => documentText(fresh.body.getByRole("textbox", { name })))
      .toBe(typed[name]);
  await close();
});

test("a 12-megapixel phone photo says Processing… once sent, and the editor shows its resized copy", async ({
  browser,
}) => {
  // Making a 9 MB noisy photo takes seconds, and two browsers crawl on a loaded machine.
  test.setTimeout(240_000);
  const { mina, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  const { default: sharp } = await import("sharp");
  const noise = Buffer.alloc(4000 * 3000 * 3);
  for (let i = 0; i < noise.length; i += 4)
    noise.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  const big = await sharp(noise, {
    raw: { width: 4000, height: 3000, channels: 3 },
  })
    .blur(0.6)
    .jpeg({ quality: 92 })
    .toBuffer();

  // Every label the upload placeholder shows, however briefly.
  await mina.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { uploadLabels: string[] }).uploadLabels = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll(".upload-placeholder")) {
        const label = el.textContent ?? "";
        if (seen.at(-1) !== label) seen.push(label);
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await m.body.click();
  await mina.page.getByLabel("Choose photos to insert").setInputFiles({
    name: "phone.jpg",
    mimeType: "image/jpeg",
    buffer: big,
  });
  const img = m.body.locator("figure img");
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute(
    "src",
    /^\/uploads\/[0-9a-f]{32}-1600\.jpg$/,
  );
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(
    1600,
  );
  const labels = await mina.page.evaluate(
    () => (window as unknown as { uploadLabels: string[] }).uploadLabels,
  );
  expect(labels[0]).toMatch(/^phone\.jpg: Uploading… \d+%$/);
  expect(labels.at(-1)).toBe("phone.jpg: Processing…");
  await expect(m.body.getByRole("status")).toHaveCount(0);
  // A new photo's empty fields show their placeholders.
  await m.body
    .getByRole("textbox", { name: "Alt text" })
    .scrollIntoViewIfNeeded();
  await mina.page.screenshot({
    path: "test-results/screens/photo-large-upload.png",
  });
  await close();
});
