import { expect, test } from "./journey";
import {
  editor,
  expectSaved,
  people,
  photo,
  twoReportersOnNewStory,
  screenshotWhole,
} from "./fixtures";

test("offline: typing, reloading and coming back online loses nothing", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(
    browser,
    "Offline story",
  );
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("Written online.");
  await expectSaved(mina.page);
  // The page must be kept by the service worker before the network goes.
  await mina.page.waitForFunction(async () => {
    const cached = await caches.match(location.pathname);
    return navigator.serviceWorker.controller !== null && cached !== undefined;
  });

  await mina.context.setOffline(true);
  await expect(m.status).toContainText("Offline");
  await mina.page.keyboard.type(" Written offline.");
  await expect(m.status).toHaveText("Offline — changes kept on this device");
  await mina.page.reload();
  await expect(m.body).toContainText("Written online. Written offline.");
  await expect(m.status).toContainText("Offline");
  await m.body.click();
  await mina.page.keyboard.press("Control+End");
  await mina.page.keyboard.type(" And after the reload.");
  await expect(editor(daniel.page).body).not.toContainText("Written offline.");

  await mina.context.setOffline(false);
  await expectSaved(mina.page);
  await expect(editor(daniel.page).body).toContainText(
    "Written online. Written offline. And after the reload.",
  );
  await close();
});

test("links accept only web and e-mail addresses", async ({ browser }) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("Read the report");
  await mina.page.keyboard.press("Shift+Home");
  await mina.page.keyboard.press("Control+k");
  const address = mina.page.getByLabel("Link address");
  await address.fill("javascript:alert(document.cookie)");
  await mina.page.getByRole("button", { name: "Apply" }).click();
  await expect(
    mina.page.getByRole("alert").filter({ hasText: "Only web addresses" }),
  ).toBeVisible();
  await address.fill("example.com/report");
  await mina.page.getByRole("button", { name: "Apply" }).click();
  await expect(
    m.body.getByRole("link", { name: "Read the report" }),
  ).toHaveAttribute("href", "https://example.com/report");
  await expect(
    editor(daniel.page).body.getByRole("link", { name: "Read the report" }),
  ).toHaveAttribute("href", "https://example.com/report");
  // The site's rel, whatever a link mark holds.
  await expect(
    m.body.getByRole("link", { name: "Read the report" }),
  ).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(
    mina.page.getByRole("button", { name: "Link", exact: true }),
  ).toHaveAttribute("aria-pressed", "true");
  await close();
});

test("formatting from the toolbar and the keyboard, with pressed states", async ({
  browser,
}) => {
  const { mina, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.getByRole("button", { name: "Heading 2" }).click();
  await mina.page.keyboard.type("Background");
  await expect(m.body.locator("h2")).toHaveText("Background");
  await expect(
    mina.page.getByRole("button", { name: "Heading 2" }),
  ).toHaveAttribute("aria-pressed", "true");
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.press("Control+b");
  await mina.page.keyboard.type("Bold words");
  await expect(m.body.locator("strong")).toHaveText("Bold words");
  await expect(mina.page.getByRole("button", { name: "Bold" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await mina.page.keyboard.press("Control+b");
  await mina.page.keyboard.press("Enter");
  await mina.page.getByRole("button", { name: "Bulleted list" }).click();
  await mina.page.keyboard.type("First point");
  await expect(m.body.locator("ul li")).toHaveText("First point");
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.press("Enter");
  await mina.page.getByRole("button", { name: "Quote" }).click();
  await mina.page.keyboard.type("A quotation");
  await expect(m.body.locator("blockquote")).toHaveText("A quotation");
  await expect(mina.page.getByLabel("Length", { exact: true })).toContainText(
    "7 words",
  );
  await close();
});

test("story details are shared live: section, tags, bylines, dateline, counts", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  await m.headline.click();
  await mina.page.keyboard.type("Typhoon Hinnamnor makes landfall near Busan");
  await expect(mina.page.getByText("43 / 90")).toBeVisible();
  await mina.page.keyboard.press("Enter");
  await mina.page.keyboard.type(
    "Tens of thousands evacuated as winds reach 40 meters per second.",
  );
  await expect(editor(daniel.page).headline).toHaveText(
    "Typhoon Hinnamnor makes landfall near Busan",
  );
  await expect(
    daniel.page.getByRole("textbox", { name: "Deck" }),
  ).toContainText("Tens of thousands evacuated");

  await mina.page.getByLabel("Section").selectOption("National");
  await mina.page.getByLabel("Tags").fill("typhoon, Busan");
  await mina.page.getByLabel("Tags").press("Enter");
  await mina.page.getByText("Someone outside the newsroom").click();
  await mina.page.getByLabel("Byline name").fill("Mina Park");
  await mina.page.getByLabel("Byline e-mail").fill("mina@herald.example");
  await mina.page.getByRole("button", { name: "Add byline" }).click();
  await mina.page.getByLabel("Dateline").fill("BUSAN");
  await mina.page.getByLabel("Dateline").press("Enter");
  await expect(
    mina.page.getByText("/news/typhoon-hinnamnor-makes-landfall-near-busan"),
  ).toBeVisible();

  await expect(daniel.page.getByLabel("Section")).toHaveValue("National");
  await expect(daniel.page.getByRole("list", { name: "Tags" })).toContainText(
    "typhoon",
  );
  await expect(daniel.page.getByRole("list", { name: "Tags" })).toContainText(
    "Busan",
  );
  await expect(
    daniel.page.getByRole("list", { name: "Bylines" }),
  ).toContainText("Mina Park");
  await expect(daniel.page.getByLabel("Dateline")).toHaveValue("BUSAN");
  // Reporters see the address but cannot change it.
  await expect(daniel.page.getByRole("button", { name: "Change" })).toHaveCount(
    0,
  );
  await daniel.page.getByRole("button", { name: "Remove tag Busan" }).click();
  await expect(mina.page.getByRole("list", { name: "Tags" })).not.toContainText(
    "Busan",
  );
  await screenshotWhole(mina.page, "test-results/screens/editor-details.png");
  await close();
  void people;
});

test("photos can be dropped and pasted in; a refused upload leaves a message and nothing broken", async ({
  browser,
}) => {
  const { mina, daniel, close } = await twoReportersOnNewStory(browser);
  const m = editor(mina.page);
  await m.body.click();
  await mina.page.keyboard.type("Before the photos.");
  const transfer = (name: string, bytes: Buffer) =>
    mina.page.evaluateHandle(
      ({ name, b64 }) => {
        const data = new DataTransfer();
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        data.items.add(new File([raw], name, { type: "image/jpeg" }));
        return data;
      },
      { name, b64: bytes.toString("base64") },
    );

  // ProseMirror ignores drops whose coordinates fall outside the editor.
  const box = (await m.body.boundingBox())!;
  const at = { clientX: box.x + 40, clientY: box.y + 20 };
  await m.body.dispatchEvent("drop", {
    ...at,
    dataTransfer: await transfer(
      "dropped.jpg",
      (await photo("d.jpg", "#16a34a")).buffer,
    ),
  });
  await expect(m.body.locator("figure img")).toHaveCount(1);
  const pasted = await transfer(
    "pasted.jpg",
    (await photo("p.jpg", "#dc2626")).buffer,
  );
  await m.body.evaluate(
    (el, data) =>
      el.dispatchEvent(
        new ClipboardEvent("paste", {
          clipboardData: data,
          bubbles: true,
          cancelable: true,
        }),
      ),
    pasted,
  );
  await expect(m.body.locator("figure img")).toHaveCount(2);
  await expect(editor(daniel.page).body.locator("figure img")).toHaveCount(2);

  // An SVG disguised as a JPEG passes the browser's check but not the server's.
  const fake = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  await m.body.dispatchEvent("drop", {
    ...at,
    dataTransfer: await transfer("disguised.jpg", fake),
  });
  await expect(
    mina.page
      .getByRole("alert")
      .filter({ hasText: "disguised.jpg could not be uploaded" }),
  ).toContainText("Only JPEG, PNG, WebP and GIF images can be uploaded.");
  await expect(m.body.locator("figure img")).toHaveCount(2);
  await expect(m.body.locator(".upload-placeholder")).toHaveCount(0);
  await expectSaved(mina.page);
  await close();
});
