import http from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth from "next-auth";
import { decode } from "next-auth/jwt";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { findUserByEmail, type UserRow } from "../db/users";
import { startTestOidcProvider, type TestOidcProvider } from "./testing-oidc";

// The whole sign-in through next-auth's own handler and a real OpenID Connect provider: only the
// browser is played by fetch (the journey in e2e/sso.spec.ts drives real Chromium).
const SECRET = "x".repeat(40);
const CLIENT = { clientId: "newsroom", clientSecret: "test-client-secret" };

/**
 * The app's next-auth handler on a real socket: next-auth's API-route form, given the few
 * helpers Next adds to a request and response.
 */
async function startApp(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const api = Object.assign(req, {
      query: {
        ...Object.fromEntries(url.searchParams),
        nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/"),
      },
      body: Object.fromEntries(
        new URLSearchParams(Buffer.concat(chunks).toString()),
      ),
      cookies: parseCookies(req.headers.cookie ?? ""),
    });
    const reply = Object.assign(res, {
      status: (code: number) => ((res.statusCode = code), reply),
      send: (body: unknown) =>
        res.end(typeof body === "string" ? body : JSON.stringify(body)),
      json: (body: unknown) => res.end(JSON.stringify(body)),
    });
    const { authOptions } = await import("./options");
    // The API-route form's types are Next's request and response; these carry what it reads.
    await NextAuth(api as never, reply as never, authOptions);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseCookies(header: string): Record<string, string> {
  return Object.fromEntries(
    header
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => [
        pair.slice(0, pair.indexOf("=")),
        decodeURIComponent(pair.slice(pair.indexOf("=") + 1)),
      ]),
  );
}

/**
 * A browser without JavaScript: starts next-auth's sign-in, follows every redirect, submits the
 * provider's login (as `login`) and consent forms, and stops where the app sends it at last.
 */
async function signInAs(app: string, login: string) {
  const jars = new Map<string, Map<string, string>>();
  const jarOf = (url: string) => {
    const host = new URL(url).host;
    if (!jars.has(host)) jars.set(host, new Map());
    return jars.get(host)!;
  };
  const send = async (url: string, form?: URLSearchParams) => {
    const jar = jarOf(url);
    const res = await fetch(url, {
      method: form ? "POST" : "GET",
      body: form,
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      if (/expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(pair.slice(0, eq));
      else jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };

  const csrf = (await (await send(`${app}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  let res = await send(
    `${app}/api/auth/signin/oidc`,
    new URLSearchParams({
      csrfToken: csrf.csrfToken,
      callbackUrl: `${app}/newsroom`,
    }),
  );
  let url = `${app}/api/auth/signin/oidc`;
  for (let step = 0; step < 16; step++) {
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      // Back at the app, past its callback: where the browser ends up.
      if (url.startsWith(app) && !url.startsWith(`${app}/api/auth/`)) break;
      res = await send(url);
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form at ${url}: ${html}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).href;
    const form = new URLSearchParams({ prompt });
    if (prompt === "login") {
      form.set("login", login);
      form.set("password", "any");
    }
    res = await send(url, form);
  }
  const token = jarOf(app).get("next-auth.session-token");
  const session = token ? await decode({ token, secret: SECRET }) : null;
  return { landed: url, session };
}

const people = [
  {
    login: "rita",
    email: "rita@herald.example",
    emailVerified: true,
    name: "Rita at Provider",
  },
  {
    login: "stranger",
    email: "stranger@elsewhere.example",
    emailVerified: true,
    name: "Sam Stringer",
  },
  {
    login: "unverified",
    email: "rita@herald.example",
    emailVerified: false,
    name: "Not Rita",
  },
];

for (const variant of storeVariants()) {
  describe(`single sign-on through next-auth and a real provider (${variant.name})`, () => {
    let provider: TestOidcProvider;
    let app: { origin: string; close(): Promise<void> };
    let APP: string;
    let ts: TestStore;
    let rita: UserRow;

    beforeAll(async () => {
      app = await startApp();
      APP = app.origin;
      provider = await startTestOidcProvider({
        ...CLIENT,
        redirectUris: [`${APP}/api/auth/callback/oidc`],
        people,
      });
    });
    afterAll(async () => {
      await provider.close();
      await app.close();
    });

    beforeEach(async () => {
      ts = await variant.create();
      rita = await createTestUser(ts.store, "reporter", "Rita Reporter");
      await ts.store.db
        .updateTable("users")
        .set({ email: "rita@herald.example" })
        .where("id", "=", rita.id)
        .execute();
      vi.resetModules();
      for (const [name, value] of Object.entries({
        ...ts.env,
        NEXTAUTH_SECRET: SECRET,
        NEXTAUTH_URL: APP,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT.clientId,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_NAME: "Herald ID",
        LOG_LEVEL: "silent",
      }))
        vi.stubEnv(name, value);
    });
    afterEach(async () => {
      vi.unstubAllEnvs();
      const shared = globalThis as {
        newsroomStore?: Promise<{ destroy(): Promise<void> }>;
      };
      await (await shared.newsroomStore)?.destroy();
      shared.newsroomStore = undefined;
      await ts.cleanup();
    });

    it("signs a known person in as their newsroom account", async () => {
      const { landed, session } = await signInAs(APP, "rita");
      expect(landed).toBe(`${APP}/newsroom`);
      expect(session).toMatchObject({
        uid: rita.id,
        sub: rita.id,
        name: "Rita Reporter",
      });
    });

    it("refuses someone without an account, to the login page saying why", async () => {
      const { landed, session } = await signInAs(APP, "stranger");
      expect(landed).toBe(`${APP}/login?error=SsoNotInvited`);
      expect(session).toBeNull();
      expect(
        await findUserByEmail(ts.store.db, "stranger@elsewhere.example"),
      ).toBeUndefined();
    });

    it("makes a reporter for someone new when sign-up is open", async () => {
      vi.stubEnv("OIDC_SIGNUP", "open");
      const { landed, session } = await signInAs(APP, "stranger");
      expect(landed).toBe(`${APP}/newsroom`);
      const created = await findUserByEmail(
        ts.store.db,
        "stranger@elsewhere.example",
      );
      expect(created).toMatchObject({ role: "reporter", name: "Sam Stringer" });
      expect(session).toMatchObject({ uid: created!.id });
    });

    it("refuses an e-mail the provider has not verified", async () => {
      const { landed, session } = await signInAs(APP, "unverified");
      expect(landed).toBe(`${APP}/login?error=SsoUnverified`);
      expect(session).toBeNull();
    });
  });
}
