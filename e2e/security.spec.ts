import { expect, test, type APIRequestContext } from "./journey";
import { expectSiteNotFound, PASSWORD, people, personAt } from "./fixtures";

/** A CSRF token for `request`'s next-auth cookie. */
async function csrfToken(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/auth/csrf");
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** One credentials sign-in through next-auth's callback; returns its JSON `{url}`. */
async function credentialsSignIn(
  request: APIRequestContext,
  form: Record<string, string>,
  csrf?: string,
): Promise<{ url: string }> {
  const response = await request.post("/api/auth/callback/credentials", {
    form: {
      csrfToken: csrf ?? (await csrfToken(request)),
      json: "true",
      ...form,
    },
  });
  return (await response.json()) as { url: string };
}

test("sign-in pauses after 10 failed attempts at an e-mail, known or not, and the form says so", async ({
  page,
  playwright,
  baseURL,
}) => {
  // No account has this address: the limit must look the same as for one that exists.
  const email = `nobody-${Date.now()}@example.com`;
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("guess 1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "do not match" }),
  ).toBeVisible();

  // Nine more at once, from elsewhere (a script): every one is counted.
  const script = await playwright.request.newContext({ baseURL });
  const csrf = await csrfToken(script);
  const answers = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      credentialsSignIn(script, { email, password: `guess ${i + 2}` }, csrf),
    ),
  );
  for (const { url } of answers)
    expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
  const limited = await credentialsSignIn(
    script,
    { email, password: "guess 11" },
    csrf,
  );
  expect(new URL(limited.url).searchParams.get("error")).toBe("RateLimited");
  await script.dispose();

  await page.getByLabel("Password").fill("guess 12");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    page.getByRole("alert").filter({
      hasText:
        "Too many sign-in attempts. Sign-in is paused for up to 15 minutes",
    }),
  ).toBeVisible();
});

test("sign-in sends people only to the site's own pages", async ({
  page,
  browser,
  baseURL,
}) => {
  // /\evil.example is //evil.example to a browser: the form lands in the newsroom instead.
  await page.goto(
    `/login?callbackUrl=${encodeURIComponent("/\\evil.example")}`,
  );
  await page.getByLabel("E-mail").fill(people.reporter.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/newsroom`);

  // Signed in, the sign-in page redirects at once: only ever to this site.
  const hostile = [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/%5Cevil.example",
    "%2F%2Fevil.example",
    "/..//evil.example",
    "https://evil.example/newsroom",
    "javascript:alert(1)",
  ];
  for (const callbackUrl of hostile) {
    const response = await page.request.get(
      `/login?callbackUrl=${encodeURIComponent(callbackUrl)}`,
      { maxRedirects: 0 },
    );
    expect([callbackUrl, response.status()]).toEqual([callbackUrl, 307]);
    expect([callbackUrl, response.headers()["location"]]).toEqual([
      callbackUrl,
      "/newsroom",
    ]);
  }
  const kept = await page.request.get(
    `/login?callbackUrl=${encodeURIComponent("/newsroom?status=draft")}`,
    { maxRedirects: 0 },
  );
  expect(kept.headers()["location"]).toBe("/newsroom?status=draft");

  // next-auth's own callbackUrl goes through the same rule.
  const context = await browser.newContext();
  const answer = await credentialsSignIn(context.request, {
    email: people.reporter2.email,
    password: PASSWORD,
    callbackUrl: "https://evil.example/",
  });
  expect(answer.url).toBe(`${baseURL}/newsroom`);
  await context.close();
});

test("another site's page cannot change anything, while the newsroom's pages, scripts and curl can", async ({
  browser,
  baseURL,
}) => {
  const mina = await personAt(browser, "reporter");
  const api = mina.context.request;
  const create = (headers: Record<string, string>) =>
    api.post("/api/stories", { data: { headline: "Origin test" }, headers });

  const hostile: Record<string, string>[] = [
    { origin: "https://evil.example" },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { origin: baseURL!, "sec-fetch-site": "same-site" },
  ];
  for (const headers of hostile) {
    const refused = await create(headers);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: "forbidden_origin" },
    });
  }
  const refusedUpload = await api.post("/api/uploads", {
    multipart: {
      file: { name: "x.png", mimeType: "image/png", buffer: Buffer.from("x") },
    },
    headers: { origin: "https://evil.example" },
  });
  expect(refusedUpload.status()).toBe(403);

  // A simple request another site may send without a CORS preflight: not JSON enough.
  const plain = await api.post("/api/stories", {
    headers: { "content-type": "text/plain; x=application/json" },
    data: JSON.stringify({ headline: "Origin test" }),
  });
  expect(plain.status()).toBe(415);

  expect((await create({ origin: baseURL! })).status()).toBe(201);
  expect((await create({})).status()).toBe(201);

  // The browser's own request (it sends Origin and Sec-Fetch-Site itself) passes.
  await mina.page.goto("/newsroom");
  const status = await mina.page.evaluate(async () => {
    const response = await fetch("/api/stories", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ headline: "From the page" }),
    });
    return response.status;
  });
  expect(status).toBe(201);
  await mina.context.close();
});

test("a decompression bomb is refused at once, with a clear 413", async ({
  browser,
}) => {
  const { flatPng } = await import("../lib/uploads/testing");
  const mina = await personAt(browser, "reporter");
  const bomb = flatPng(30_000, 30_000);
  const start = Date.now();
  const response = await mina.context.request.post("/api/uploads", {
    multipart: {
      file: { name: "bomb.png", mimeType: "image/png", buffer: bomb },
    },
  });
  const ms = Date.now() - start;
  expect(response.status()).toBe(413);
  expect(await response.json()).toMatchObject({
    error: {
      code: "payload_too_large",
      message: expect.stringContaining("30000 × 30000 pixels"),
    },
  });
  test.info().annotations.push({
    type: "bomb refused in",
    description: `${ms} ms for ${bomb.length} bytes`,
  });
  expect(ms).toBeLessThan(2000);
  await mina.context.close();
});

test("an address that does not decode, or an API address that does not exist, is a 404, never a server error", async ({
  page,
  request,
}) => {
  // Next.js's router answers these with a 500 (vercel/next.js#92527).
  // The site's 404, in its frame, not the bare root one.
  for (const path of ["/tag/%ZZ", "/news/%E0%A4%A", "/%ZZ"])
    await expectSiteNotFound(page, path);
  // Signed out, a broken newsroom address asks for sign-in first, as every newsroom address
  // does (signed in, it is the newsroom's 404: the spine journey).
  await page.goto("/newsroom/stories/%ZZ");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  for (const path of ["/api/stories/%ZZ/versions", "/api/no-such-thing"]) {
    const api = await request.get(path);
    expect(api.status(), path).toBe(404);
    expect(await api.json()).toEqual({
      error: { code: "not_found", message: "No such address." },
    });
  }
});
