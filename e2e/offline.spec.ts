import { expect, test, type BrowserContext, type Page } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  pageWithoutScript,
  personAt,
  signIn,
} from "./fixtures";

test("a story made with New story reloads offline, headline and text", async ({
  browser,
}) => {
  // Two page loads, a service worker install and an offline reload.
  test.setTimeout(120_000);
  const { context, page } = await personAt(browser, "reporter");
  await page.goto("/newsroom");
  await page.getByRole("button", { name: "New story" }).click();
  await page.waitForURL(/\/newsroom\/stories\/[0-9a-f-]{36}$/);
  const e = editor(page);
  await e.headline.click();
  await page.keyboard.type("Field report");
  await e.body.click();
  await page.keyboard.type("Filed from the field.");
  // Said apart, so that a failure below tells a keystroke lost in the editor, or between the
  // editor and the server, from one lost in the offline copy (seen once in CI: the copy held
  // "Filed from the fie").
  await expect(e.body).toHaveText("Filed from the field.");
  await expectSaved(page);
  const id = page.url().split("/").pop()!;
  const preview = await context.request.post(`/api/stories/${id}/preview`);
  const { url } = (await preview.json()) as { url: string };
  expect(await (await context.request.get(url)).text()).toContain(
    "Filed from the field.",
  );
  // The service worker keeps the page (and what it loads) in the background.
  await page.waitForFunction(
    async () => (await caches.match(location.pathname)) !== undefined,
  );

  await context.setOffline(true);
  await expect(e.status).toContainText("Offline");
  await page.reload();
  await expect(e.headline).toHaveText("Field report");
  await expect(e.body).toContainText("Filed from the field.");
  await expect(e.status).toContainText("Offline");
  await context.close();
});

test("before the newsroom's script runs, its buttons are disabled, not buttons that do nothing", async ({
  browser,
}) => {
  // A slow connection shows the server's HTML well before the page can act on a click.
  const signedIn = await personAt(browser, "reporter");
  const storyId = await createStory(signedIn.context, "Before the script");
  const saved = await signedIn.context.request.post(
    `/api/stories/${storyId}/versions`,
    { data: { name: "First draft" } },
  );
  expect(saved.status()).toBe(201);
  const { id: versionId } = (await saved.json()) as { id: string };
  const { context, page } = await pageWithoutScript(
    browser,
    await signedIn.context.storageState(),
  );
  await signedIn.context.close();
  await page.goto("/newsroom");
  for (const name of ["New story", "Sign out", "Inbox"])
    await expect(page.getByRole("button", { name })).toBeDisabled();
  await page.goto(`/newsroom/stories/${storyId}`);
  for (const name of ["Preview link", "Submit for review", "More"])
    await expect(page.getByRole("button", { name })).toBeDisabled();
  await page.goto(`/newsroom/stories/${storyId}/versions/${versionId}`);
  await expect(
    page.getByRole("button", { name: "Restore this version" }),
  ).toBeDisabled();
  await context.close();

  // The people page: a role picked before the script runs would show but never be saved.
  const admin = await personAt(browser, "admin");
  const desk = await pageWithoutScript(
    browser,
    await admin.context.storageState(),
  );
  await admin.context.close();
  await desk.page.goto("/newsroom/people");
  await expect(
    desk.page.getByRole("combobox", { name: "Role of Mina Park" }),
  ).toBeDisabled();
  for (const name of [
    "Password reset link for Mina Park",
    "Deactivate Mina Park",
    "Invite",
  ])
    await expect(
      desk.page.getByRole("button", { name, exact: true }),
    ).toBeDisabled();
  await desk.context.close();
});

/** Every offline-copy database in the browser, its records as they are stored. */
async function offlineStorage(page: Page) {
  return page.evaluate(async () => {
    const read = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const result: {
      name: string;
      updates: { doc: string; iv: number[]; data: number[] }[];
      copies: { doc: string; saved: boolean }[];
    }[] = [];
    for (const info of await indexedDB.databases()) {
      const name = info.name ?? "";
      if (!name.startsWith("newsroom")) continue;
      const db = await read(indexedDB.open(name));
      const stores = [...db.objectStoreNames];
      const all = async (store: string) =>
        stores.includes(store)
          ? ((await read(
              db.transaction(store).objectStore(store).getAll(),
            )) as Record<string, unknown>[])
          : [];
      result.push({
        name,
        updates: (await all("updates")).map((u) => ({
          doc: String(u.doc),
          iv: [...new Uint8Array(u.iv as Uint8Array)],
          data: [...new Uint8Array(u.data as ArrayBuffer)],
        })),
        copies: (await all("copies")).map((c) => ({
          doc: String(c.doc),
          saved: c.saved === true,
        })),
      });
      db.close();
    }
    return result;
  });
}

async function userIdOf(context: BrowserContext): Promise<string> {
  const response = await context.request.get("/api/offline-key");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { userId: string }).userId;
}

test("offline copies are the user's own: encrypted, saved ones deleted at sign-out, unsaved ones kept and unreadable to the next account", async ({
  browser,
}) => {
  // Three sign-ins, four page loads and a sign-out: more than the default minute under load.
  test.setTimeout(300_000);
  const context = await browser.newContext();
  await signIn(context, "reporter");
  const mina = await userIdOf(context);
  const saved = await createStory(context, "Saved on the server");
  const unsaved = await createStory(context, "Written on the train");
  const page = await context.newPage();
  const e = editor(page);

  await page.goto(`/newsroom/stories/${saved}`);
  await e.body.click();
  await page.keyboard.type("Stored lede.");
  await expectSaved(page);
  // The copy is marked saved in IndexedDB just after the server's acknowledgement: wait for the
  // mark before leaving (under a full run's load, leaving at once kept it unmarked).
  await expect
    .poll(async () =>
      (await offlineStorage(page)).flatMap((db) =>
        db.copies.filter((c) => c.doc === `stories/${saved}` && c.saved),
      ),
    )
    .toHaveLength(1);

  await page.goto(`/newsroom/stories/${unsaved}`);
  await expectSaved(page);
  await context.setOffline(true);
  await expect(e.status).toContainText("Offline");
  await e.body.click();
  await page.keyboard.type("Secret offline lede.");
  await expect(e.status).toHaveText("Offline — changes kept on this device");

  // Kept in Mina's own database, encrypted: the words are nowhere in what is stored.
  const before = await offlineStorage(page);
  expect(before.map((db) => db.name)).toEqual([`newsroom-offline:${mina}`]);
  const docs = new Set(before[0]!.updates.map((u) => u.doc));
  expect(docs).toEqual(new Set([`stories/${saved}`, `stories/${unsaved}`]));
  const bytes = Buffer.from(before[0]!.updates.flatMap((u) => u.data));
  expect(bytes.includes("Secret offline lede")).toBe(false);
  expect(bytes.includes("Stored lede")).toBe(false);

  // Back online on another page, without sending the edit: sign out from the story list.
  await page.close();
  await context.setOffline(false);
  const list = await context.newPage();
  await list.goto("/newsroom");
  await list.getByRole("button", { name: "Sign out" }).click();
  const dialog = list.getByRole("dialog", {
    name: "Changes not yet on the server",
  });
  await expect(dialog).toContainText("Written on the train");
  await expect(dialog).toContainText("encrypted");
  await list.screenshot({
    path: test.info().outputPath("sign-out-unsaved-copies.png"),
  });
  await dialog
    .getByRole("button", { name: "Sign out and keep them here" })
    .click();
  await list.waitForURL(/\/login/);

  // The saved copy is gone; the unsaved one is kept, and no key is left in the browser.
  const after = await offlineStorage(list);
  expect(after.map((db) => db.name)).toEqual([`newsroom-offline:${mina}`]);
  expect(new Set(after[0]!.updates.map((u) => u.doc))).toEqual(
    new Set([`stories/${unsaved}`]),
  );
  expect(after[0]!.copies).toEqual([
    { doc: `stories/${unsaved}`, saved: false },
  ]);
  expect(
    await list.evaluate(() =>
      [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter(
        (name) => name.startsWith("newsroom"),
      ),
    ),
  ).toEqual([]);

  // Daniel signs in on the same browser: his key opens none of Mina's records, and the story
  // shows him the server's text only.
  await signIn(context, "reporter2");
  await list.goto(`/newsroom/stories/${unsaved}`);
  // Not his story: he may read it, not write.
  await expect(editor(list).status).toHaveText("Connected · read-only");
  await expect(editor(list).headline).toHaveText("Written on the train");
  await expect(editor(list).body).not.toContainText("Secret offline lede");
  const opened = await list.evaluate(
    async ({ records }) => {
      const { key } = (await (await fetch("/api/offline-key")).json()) as {
        key: string;
      };
      const raw = Uint8Array.from(
        atob(key.replace(/-/g, "+").replace(/_/g, "/")),
        (c) => c.charCodeAt(0),
      );
      const daniel = await crypto.subtle.importKey(
        "raw",
        raw,
        "AES-GCM",
        false,
        ["decrypt"],
      );
      let readable = 0;
      for (const r of records)
        try {
          await crypto.subtle.decrypt(
            {
              name: "AES-GCM",
              iv: new Uint8Array(r.iv),
              additionalData: new TextEncoder().encode(r.doc),
            },
            daniel,
            new Uint8Array(r.data),
          );
          readable += 1;
        } catch {
          // Not his key: AES-GCM refuses.
        }
      return readable;
    },
    { records: after[0]!.updates },
  );
  expect(opened).toBe(0);
  const withDaniel = await offlineStorage(list);
  const minasNow = withDaniel.find((db) => db.name.endsWith(mina))!;
  expect(minasNow.updates.map((u) => u.data)).toEqual(
    after[0]!.updates.map((u) => u.data),
  );

  // Mina signs in again: her copy opens and its edit reaches the server.
  await signIn(context, "reporter");
  await list.goto(`/newsroom/stories/${unsaved}`);
  await expect(editor(list).body).toContainText("Secret offline lede.");
  await expectSaved(list);
  const desk = await personAt(browser, "editor");
  await desk.page.goto(`/newsroom/stories/${unsaved}`);
  await expect(editor(desk.page).body).toContainText("Secret offline lede.", {
    timeout: 30_000,
  });
  await desk.context.close();
  await context.close();
});
