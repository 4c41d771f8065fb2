import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Locator,
} from "@playwright/test";

export const PASSWORD = "newsroom-demo";

export const people = {
  reporter: { email: "reporter@example.com", name: "Mina Park" },
  reporter2: { email: "reporter2@example.com", name: "Daniel Cho" },
  editor: { email: "editor@example.com", name: "Grace Lee" },
  admin: { email: "admin@example.com", name: "Alex Morgan" },
} as const;
export type Person = keyof typeof people;

/** Signs a browser context in through next-auth's credentials endpoint (CSRF token + callback). */
export async function signIn(
  context: BrowserContext,
  who: Person,
): Promise<void> {
  const csrf = await context.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.request.post(
    "/api/auth/callback/credentials",
    {
      form: {
        csrfToken,
        email: people[who].email,
        password: PASSWORD,
        json: "true",
      },
    },
  );
  expect(response.ok()).toBe(true);
  const session = await (await context.request.get("/api/auth/session")).json();
  expect(session?.user?.email).toBe(people[who].email);
}

/** Each person's session cookie, kept per worker: a sign-in costs a deliberate ~0.6 s of scrypt. */
const sessions = new Map<
  Person,
  Awaited<ReturnType<BrowserContext["storageState"]>>
>();

/**
 * A new browser context (one person at their own computer), signed in as `who`: with the
 * session of an earlier context when it is still good, else by signing in.
 */
export async function personAt(
  browser: Browser,
  who: Person,
): Promise<{ context: BrowserContext; page: Page }> {
  const kept = sessions.get(who);
  if (kept) {
    const context = await browser.newContext({ storageState: kept });
    const session = await (
      await context.request.get("/api/auth/session")
    ).json();
    if (session?.user?.email === people[who].email)
      return { context, page: await context.newPage() };
    await context.close();
  }
  const context = await browser.newContext();
  await signIn(context, who);
  sessions.set(who, {
    cookies: (await context.storageState()).cookies,
    origins: [],
  });
  return { context, page: await context.newPage() };
}

/**
 * A page whose script never runs: what a slow connection shows before the page is hydrated.
 * `storageState`: signed in as that state is.
 */
export async function pageWithoutScript(
  browser: Browser,
  storageState?: BrowserContextOptions["storageState"],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    storageState,
    javaScriptEnabled: false,
  });
  return { context, page: await context.newPage() };
}

/** Creates a story through the API as the context's user and returns its id. */
export async function createStory(
  context: BrowserContext,
  headline = "",
): Promise<string> {
  const response = await context.request.post("/api/stories", {
    data: { headline },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * A new story by `author`, written in the editor on their page: `text` typed into its body and
 * saved. The page stays on the editor; returns the story's id.
 */
export async function writeStory(
  author: { context: BrowserContext; page: Page },
  headline: string,
  text: string,
): Promise<string> {
  const id = await createStory(author.context, headline);
  await author.page.goto(`/newsroom/stories/${id}`);
  await editor(author.page).body.click();
  await author.page.keyboard.type(text);
  await expectSaved(author.page);
  return id;
}

/** The editing areas of the story editor. */
export function editor(page: Page) {
  return {
    headline: page.getByRole("textbox", { name: "Headline", exact: true }),
    body: page.getByRole("textbox", { name: "Story text" }),
    status: page.getByRole("status"),
  };
}

/** Waits until the editor says every local change is stored. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(
    page.getByRole("status").filter({ hasText: "All changes saved" }),
  ).toBeVisible();
}

/**
 * Gives the page another size and waits until it has painted at it: a screenshot taken at once
 * could show part of the page still as it was (seen: half a details panel blank on a phone).
 */
export async function resizeTo(
  page: Page,
  viewport: { width: number; height: number },
): Promise<void> {
  await page.setViewportSize(viewport);
  await page.evaluate(
    () =>
      new Promise((painted) =>
        requestAnimationFrame(() => requestAnimationFrame(painted)),
      ),
  );
}

/** Opens `url` and expects the site's 404 in the site's frame, with the way back to the sections. */
export async function expectSiteNotFound(
  page: Page,
  url: string,
): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(404);
  await expect(
    page.getByRole("heading", { level: 1, name: "Page not found" }),
  ).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Sections" }),
  ).toBeVisible();
}

/**
 * A screenshot of the whole page as it reads from the top: scrolled, a full-page capture would
 * draw the sticky bars in the middle of the page.
 */
export async function screenshotWhole(page: Page, path: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true });
}

/** A real JPEG photo for upload tests. */
export async function photo(
  name = "photo.jpg",
  color = "#2563eb",
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const { default: sharp } = await import("sharp");
  const buffer = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: color },
  })
    .jpeg()
    .toBuffer();
  return { name, mimeType: "image/jpeg", buffer };
}

/** Two reporters on one new story, both with its editor open. */
export async function twoReportersOnNewStory(browser: Browser, headline = "") {
  const mina = await personAt(browser, "reporter");
  const daniel = await personAt(browser, "reporter2");
  const storyId = await createStory(mina.context, headline);
  const added = await mina.context.request.post(
    `/api/stories/${storyId}/authors`,
    { data: { email: people.reporter2.email } },
  );
  expect(added.ok()).toBe(true);
  await mina.page.goto(`/newsroom/stories/${storyId}`);
  await daniel.page.goto(`/newsroom/stories/${storyId}`);
  await expectSaved(mina.page);
  await expectSaved(daniel.page);
  return {
    mina,
    daniel,
    storyId,
    close: () => Promise.all([mina.context.close(), daniel.context.close()]),
  };
}

/** The text a field holds, without other people's caret labels or the photo tools. */
export async function documentText(field: Locator): Promise<string> {
  return field.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy
      .querySelectorAll(
        '.collaboration-carets__caret, [contenteditable="false"]',
      )
      .forEach((node) => node.remove());
    return copy.textContent ?? "";
  });
}

/** Submits (as `author`), approves and publishes (as `desk`) a story through the API. */
export async function publishThroughDesk(
  author: BrowserContext,
  desk: BrowserContext,
  storyId: string,
): Promise<void> {
  const move = async (who: BrowserContext, to: string) => {
    const response = await who.request.post(
      `/api/stories/${storyId}/transitions`,
      { data: { to } },
    );
    expect(response.ok(), await response.text()).toBe(true);
  };
  await move(author, "submitted");
  await move(desk, "approved");
  await move(desk, "published");
}
