import { expect, test, type Page } from "./journey";
import {
  createStory,
  editor,
  expectSaved,
  people,
  personAt,
  photo,
} from "./fixtures";

const ARTICLE =
  "/news/north-korea-sends-troops-to-support-russia-in-ukraine-war-nis";

/** The nonce of a response's Content-Security-Policy. */
function nonceOf(policy: string | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(policy ?? "")?.[1];
  expect(nonce, policy).toBeTruthy();
  return nonce!;
}

/** Every script of `html` carries `nonce`, and at least one script is there. */
function expectScriptsCarry(html: string, nonce: string): void {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts)
    if (!/type="application\/ld\+json"/.test(tag))
      expect(tag).toContain(`nonce="${nonce}"`);
}

test("every page sends the security headers, and its scripts carry that response's nonce", async ({
  request,
}) => {
  for (const path of ["/", ARTICLE, "/login", "/newsroom", "/no-such-page"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const h = response.headers();
    const policy = h["content-security-policy"] ?? "";
    expect(policy, path).toContain("'strict-dynamic'");
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["referrer-policy"], path).toBe(
      path === "/login" || path === "/newsroom"
        ? "same-origin"
        : "strict-origin-when-cross-origin",
    );
    // Served over http: no HSTS, even when a client claims https (it is no trusted proxy).
    expect(h["strict-transport-security"], path).toBeUndefined();
    if (response.status() === 200)
      expectScriptsCarry(await response.text(), nonceOf(policy));
  }
  const claimed = await request.get("/", {
    headers: { "x-forwarded-proto": "https" },
  });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();

  // The site cache answers with the render's HTML, given this response's own nonce.
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const response = await request.get(ARTICLE);
    const nonce = nonceOf(response.headers()["content-security-policy"]);
    expectScriptsCarry(await response.text(), nonce);
    nonces.add(nonce);
    if (i > 0) expect(response.headers()["x-site-cache"]).toBe("hit");
  }
  expect(nonces.size).toBe(3);
  // A shared link's tracking parameters change nothing on the page: the same cached render.
  const shared = await request.get(`${ARTICLE}?utm_source=social&fbclid=Iw1`);
  expect(shared.headers()["x-site-cache"]).toBe("hit");
  expectScriptsCarry(
    await shared.text(),
    nonceOf(shared.headers()["content-security-policy"]),
  );

  // API routes and uploads get the headers too.
  const api = await request.get("/api/stories");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
});

/** Collects what the page's Content-Security-Policy refused. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      found.push(message.text());
  });
  return found;
}

test("the editor, collaboration, uploads and the public site work under the policy", async ({
  browser,
  page,
}) => {
  // Two editors, an upload and the site: slow on a loaded machine.
  test.setTimeout(300_000);
  const mina = await personAt(browser, "reporter");
  const daniel = await personAt(browser, "reporter2");
  const close = () =>
    Promise.all([mina.context.close(), daniel.context.close()]);
  // Watched from the first navigation on.
  const violations = [mina.page, daniel.page, page].map((p) => ({
    p,
    v: cspViolations(p),
  }));
  try {
    const storyId = await createStory(mina.context);
    const added = await mina.context.request.post(
      `/api/stories/${storyId}/authors`,
      { data: { email: people.reporter2.email } },
    );
    expect(added.ok()).toBe(true);
    await mina.page.goto(`/newsroom/stories/${storyId}`);
    await daniel.page.goto(`/newsroom/stories/${storyId}`);
    await expectSaved(mina.page);
    await expectSaved(daniel.page);
    const m = editor(mina.page);
    const d = editor(daniel.page);
    await m.body.click();
    await mina.page.keyboard.type("Typed under a strict policy.");
    await expect(d.body).toContainText("Typed under a strict policy.");
    await mina.page
      .getByLabel("Choose photos to insert")
      .setInputFiles(await photo("csp.jpg"));
    await expect(d.body.locator("figure img")).toBeVisible();
    // Its box shows before the photo has arrived: wait for the photo itself.
    await expect
      .poll(() =>
        d.body
          .locator("figure img")
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    await expectSaved(mina.page);

    await page.goto(ARTICLE);
    await expect(page.locator("figure img").first()).toBeVisible();
    // Client-side navigation (scripts loaded through 'strict-dynamic') still works.
    await page.getByRole("link", { name: "Home" }).first().click();
    await expect(page).toHaveURL(/\/$/);
    for (const { v } of violations) expect(v).toEqual([]);

    // An inline script that slipped into the page's HTML (as an XSS would) does not run.
    await page.route("**/news/*", async (route) => {
      // Only the page itself; the router's prefetches go through untouched.
      if (route.request().resourceType() !== "document")
        return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(
        "</body>",
        "<script>window.__injected = true</script></body>",
      );
      await route.fulfill({ response, body });
    });
    await page.goto(ARTICLE);
    await expect(page.locator("figure img").first()).toBeVisible();
    expect(
      await page.evaluate(
        () => (window as unknown as { __injected?: boolean }).__injected,
      ),
    ).toBeUndefined();
    const refused = violations.find((x) => x.p === page)!.v;
    await expect.poll(() => refused.join("\n")).toMatch(/inline script/i);
  } finally {
    // A prefetch still being rewritten when the page closes must not fail the test.
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await close();
  }
});
