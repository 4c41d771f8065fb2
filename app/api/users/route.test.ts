import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "@/lib/db/client";
import {
  createSqliteTestStore,
  createTestUser,
  type TestStore,
} from "@/lib/db/testing";
import type { UserRow } from "@/lib/db/users";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/testing";

// The one thing not real here: who is signed in (next-auth needs a request context).
const session = vi.hoisted(() => ({ user: null as UserRow | null }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!session.user) throw new Error("no user in this test");
    return session.user;
  },
}));

const ORIGIN = "http://newsroom.test";

function request(
  path: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: {
      origin: ORIGIN,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const context = (params: Record<string, string>) =>
  ({ params: Promise.resolve(params) }) as never;

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as never };
}

// The rules are tested on both stores in lib/people and lib/stories; these test the HTTP layer
// (bodies, status codes, error shapes), which is the same over either.
describe("the people API", () => {
  let ts: TestStore;
  let appStore: Store;
  let users: typeof import("./route");
  let user: typeof import("./[id]/route");
  let link: typeof import("./[id]/password-link/route");
  let password: typeof import("../account/password/route");
  let admin: UserRow;
  let editor: UserRow;
  let reporter: UserRow;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    ts = await createSqliteTestStore();
    smtp = await startTestSmtpServer();
    Object.assign(process.env, ts.env, {
      NEXTAUTH_SECRET: "s".repeat(32),
      NEXTAUTH_URL: ORIGIN,
      SMTP_URL: smtp.url,
    });
    vi.resetModules();
    delete (globalThis as { newsroomStore?: unknown }).newsroomStore;
    users = await import("./route");
    user = await import("./[id]/route");
    link = await import("./[id]/password-link/route");
    password = await import("../account/password/route");
    appStore = await (await import("@/lib/db/store")).getStore();
    admin = await createTestUser(ts.store, "admin", "Ada Admin");
    editor = await createTestUser(ts.store, "editor", "Ed Editor");
    reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
  });
  afterAll(async () => {
    await appStore.destroy();
    delete (globalThis as { newsroomStore?: unknown }).newsroomStore;
    delete process.env.SMTP_URL;
    await smtp.close();
    await ts.cleanup();
  });

  it("invites: 201 with the account and its sign-up link, for admins only", async () => {
    session.user = admin;
    const invited = await answer(
      await users.POST(
        request("/api/users", "POST", {
          email: " Nia@Herald.example ",
          name: "Nia Newhire",
          role: "reporter",
        }),
      ),
    );
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      user: {
        email: "nia@herald.example",
        role: "reporter",
        status: "invited",
      },
      inviteUrl: expect.stringMatching(`^${ORIGIN}/signup/`),
      mail: "sent",
    });
    // SMTP_URL is set: the route hands the configured mailer on, and the link arrives.
    const [mail] = await smtp.waitFor(1);
    expect(mail!.rcptTo).toEqual(["nia@herald.example"]);
    expect(mail!.text).toContain(
      (invited.body as { inviteUrl: string }).inviteUrl,
    );

    session.user = editor;
    expect(
      await answer(
        await users.POST(
          request("/api/users", "POST", {
            email: "x@herald.example",
            name: "X",
            role: "reporter",
          }),
        ),
      ),
    ).toEqual({
      status: 403,
      body: {
        error: { code: "forbidden", message: "Only admins manage accounts." },
      },
    });
  });

  it("validates every body and parameter, answering JSON errors", async () => {
    session.user = admin;
    const bad = await answer(
      await users.POST(
        request("/api/users", "POST", {
          email: "not an address",
          name: "",
          role: "chief",
          extra: 1,
        }),
      ),
    );
    expect(bad.status).toBe(422);
    expect(
      (
        bad.body as { error: { details: Array<{ path: string }> } }
      ).error.details
        .map((d) => d.path)
        .sort(),
    ).toEqual(["", "email", "name", "role"]);

    const empty = await answer(
      await user.PATCH(
        request(`/api/users/${reporter.id}`, "PATCH", {}),
        context({ id: reporter.id }),
      ),
    );
    expect(empty).toMatchObject({
      status: 422,
      body: { error: { code: "validation_failed" } },
    });
    expect(
      (
        await user.PATCH(
          request("/api/users/nobody", "PATCH", { role: "editor" }),
          context({ id: "nobody" }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await user.PATCH(
          request(`/api/users/${reporter.id}`, "PATCH", { active: "no" }),
          context({ id: reporter.id }),
        )
      ).status,
    ).toBe(422);
    // Another site's page cannot change an account.
    expect(
      (
        await user.PATCH(
          request(
            `/api/users/${reporter.id}`,
            "PATCH",
            { active: false },
            { origin: "https://evil.example" },
          ),
          context({ id: reporter.id }),
        )
      ).status,
    ).toBe(403);
  });

  it("changes a role and deactivates through PATCH, admins only", async () => {
    session.user = editor;
    expect(
      (
        await user.PATCH(
          request(`/api/users/${reporter.id}`, "PATCH", { role: "editor" }),
          context({ id: reporter.id }),
        )
      ).status,
    ).toBe(403);
    session.user = admin;
    expect(
      await answer(
        await user.PATCH(
          request(`/api/users/${reporter.id}`, "PATCH", {
            role: "editor",
            active: false,
          }),
          context({ id: reporter.id }),
        ),
      ),
    ).toMatchObject({
      status: 200,
      body: { user: { role: "editor", status: "deactivated" } },
    });
    expect(
      (
        await user.PATCH(
          request(`/api/users/${admin.id}`, "PATCH", { active: false }),
          context({ id: admin.id }),
        )
      ).status,
    ).toBe(409);
  });

  it("hands out a reset link that sets a password once; the staff search leaves deactivated people out", async () => {
    session.user = reporter;
    expect(
      (
        await link.POST(
          request(`/api/users/${editor.id}/password-link`, "POST"),
          context({ id: editor.id }),
        )
      ).status,
    ).toBe(403);
    session.user = admin;
    const issued = await answer(
      await link.POST(
        request(`/api/users/${editor.id}/password-link`, "POST"),
        context({ id: editor.id }),
      ),
    );
    expect(issued).toMatchObject({
      status: 201,
      body: { purpose: "reset", mail: "sent" },
    });
    const token = (issued.body as { url: string }).url.split("/").pop()!;

    const short = await password.POST(
      request("/api/account/password", "POST", { token, password: "short" }),
    );
    expect(short.status).toBe(422);
    const set = await answer(
      await password.POST(
        request("/api/account/password", "POST", {
          token,
          password: "a long new password",
        }),
      ),
    );
    expect(set).toEqual({
      status: 200,
      body: { user: { email: editor.email, name: editor.name } },
    });
    expect(
      (
        await password.POST(
          request("/api/account/password", "POST", {
            token,
            password: "a long new password",
          }),
        )
      ).status,
    ).toBe(410);

    session.user = reporter;
    const found = await answer(
      await users.GET(request("/api/users?q=e&limit=50", "GET")),
    );
    const names = (found.body as { users: Array<{ name: string }> }).users.map(
      (u) => u.name,
    );
    expect(names).toContain("Ed Editor");
    // Rita was deactivated above.
    expect(names).not.toContain("Rita Reporter");
    expect(
      (await users.GET(request("/api/users?limit=500", "GET"))).status,
    ).toBe(422);
  });
});
