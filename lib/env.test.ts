import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  collabProcessEnv,
  collabTokenSecret,
  deriveCollabTokenSecret,
  EnvError,
  envValue,
  parseCollabEnv,
  parseServerEnv,
  parseStartEnv,
  redactedUrl,
  siteUrl,
  collabInternalUrl,
  mailFrom,
} from "./env";
import { oidcSettings } from "./auth/oidc-settings";

const secret = "s".repeat(32);

/** The message parseServerEnv throws for `source`, or "" when it passes. */
function problems(source: Record<string, string>): string {
  try {
    parseServerEnv({ NEXTAUTH_SECRET: secret, ...source });
    return "";
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
}

describe("the environment", () => {
  it("has a default for everything but the secret", () => {
    const env = parseServerEnv({ NEXTAUTH_SECRET: secret });
    // toEqual: a variable without a default is undefined (left out of the result).
    expect(env).toEqual({
      NEXTAUTH_SECRET: secret,
      NODE_ENV: "development",
      DATA_DIR: "./data",
      dataDir: path.resolve("./data"),
      DATABASE_URL: undefined,
      DATABASE_SCHEMA: undefined,
      SQLITE_SYNCHRONOUS: "FULL",
      PORT: 3000,
      NEXTAUTH_URL: undefined,
      COLLAB_TOKEN_SECRET: undefined,
      SEED_DEMO: "1",
      OIDC_ISSUER: undefined,
      OIDC_CLIENT_ID: undefined,
      OIDC_CLIENT_SECRET: undefined,
      OIDC_NAME: "single sign-on",
      OIDC_SIGNUP: "invited",
      TRUSTED_PROXIES: [],
      NEWSROOM_SECTIONS: undefined,
      NEWSROOM_SCHEDULER: true,
      SCHEDULER_INTERVAL_MS: 30_000,
      SMTP_URL: undefined,
      MAIL_FROM: undefined,
      SITE_URL: undefined,
      SITE_NAME: "The Newsroom Herald",
      SITE_TIMEZONE: "Asia/Seoul",
      COLLAB_HOST: "0.0.0.0",
      COLLAB_PORT: 1234,
      COLLAB_METRICS_HOST: "127.0.0.1",
      COLLAB_METRICS_PORT: 9464,
      COLLAB_PUBLIC_URL: undefined,
      COLLAB_INTERNAL_URL: undefined,
      REDIS_URL: undefined,
      COLLAB_MAX_FRAME_BYTES: undefined,
      COLLAB_MAX_STORY_BYTES: undefined,
      COLLAB_BATCH_WINDOW_MS: undefined,
      COLLAB_COMMIT_BURST: undefined,
      COLLAB_LOCAL_BROADCAST: undefined,
      COLLAB_RESYNC_INTERVAL_MS: undefined,
      COLLAB_STORE_RESYNC_INTERVAL_MS: undefined,
      COLLAB_ACCESS_CHECK_INTERVAL_MS: undefined,
      COLLAB_PING_INTERVAL_MS: undefined,
      COLLAB_MAX_SOCKETS_PER_USER: undefined,
      LOG_LEVEL: "info",
    });
    expect(siteUrl(env)).toBe("http://localhost:3000");
    expect(collabInternalUrl(env)).toBe("ws://127.0.0.1:1234");
  });

  it("reads the values it is given", () => {
    const env = parseServerEnv({
      NEXTAUTH_SECRET: secret,
      DATA_DIR: "/tmp/newsroom",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
      DATABASE_SCHEMA: "newsroom",
      PORT: "3510",
      COLLAB_PORT: "1710",
      NEWSROOM_SECTIONS: " Local, Sports ,, ",
      NEWSROOM_SCHEDULER: "0",
      SITE_URL: "https://news.example/",
      COLLAB_HOST: "",
      REDIS_URL: "rediss://cache.example:6380",
      COLLAB_BATCH_WINDOW_MS: "0",
      COLLAB_MAX_FRAME_BYTES: "1e6",
      COLLAB_LOCAL_BROADCAST: "after-commit",
      LOG_LEVEL: "silent",
    });
    expect(env).toMatchObject({
      dataDir: "/tmp/newsroom",
      DATABASE_SCHEMA: "newsroom",
      PORT: 3510,
      COLLAB_PORT: 1710,
      NEWSROOM_SECTIONS: ["Local", "Sports"],
      NEWSROOM_SCHEDULER: false,
      COLLAB_HOST: "",
      REDIS_URL: "rediss://cache.example:6380",
      COLLAB_BATCH_WINDOW_MS: 0,
      COLLAB_MAX_FRAME_BYTES: 1_000_000,
      COLLAB_LOCAL_BROADCAST: "after-commit",
      LOG_LEVEL: "silent",
    });
    expect(siteUrl(env)).toBe("https://news.example");
  });

  it("reads the mail server and the sender, and refuses what is neither", () => {
    const env = parseServerEnv({
      NEXTAUTH_SECRET: secret,
      SMTP_URL: "smtps://desk:pw@mail.example:465",
      MAIL_FROM: '"Herald Desk" <desk@herald.example>',
    });
    expect(env.SMTP_URL).toBe("smtps://desk:pw@mail.example:465");
    expect(mailFrom(env)).toEqual({
      name: "Herald Desk",
      address: "desk@herald.example",
    });
    expect(
      mailFrom(
        parseServerEnv({
          NEXTAUTH_SECRET: secret,
          MAIL_FROM: "desk@herald.example",
        }),
      ),
    ).toEqual({ name: "", address: "desk@herald.example" });
    // Unset: the site's name at newsroom@ the app's host.
    expect(
      mailFrom(
        parseServerEnv({
          NEXTAUTH_SECRET: secret,
          NEXTAUTH_URL: "https://desk.herald.example/",
          SITE_NAME: "The Herald",
        }),
      ),
    ).toEqual({ name: "The Herald", address: "newsroom@desk.herald.example" });
    expect(problems({ SMTP_URL: "http://mail.example" })).toContain(
      "SMTP_URL: must be an smtp:// or smtps:// URL",
    );
    expect(problems({ MAIL_FROM: "desk\r\nBcc: x@evil.example" })).toContain(
      "MAIL_FROM: must be an address",
    );
    expect(problems({ MAIL_FROM: "not an address" })).toContain(
      "MAIL_FROM: must be an address",
    );
  });

  it("takes an empty value as unset where tests clear a variable with one", () => {
    const env = parseServerEnv({
      NEXTAUTH_SECRET: secret,
      DATABASE_URL: "",
      DATABASE_SCHEMA: "",
      REDIS_URL: "",
      COLLAB_PUBLIC_URL: "",
      COLLAB_INTERNAL_URL: "",
      COLLAB_BATCH_WINDOW_MS: "",
      COLLAB_LOCAL_BROADCAST: "",
      NEWSROOM_SECTIONS: " , ",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_SCHEMA).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.COLLAB_PUBLIC_URL).toBeUndefined();
    expect(env.COLLAB_INTERNAL_URL).toBeUndefined();
    expect(env.COLLAB_BATCH_WINDOW_MS).toBeUndefined();
    expect(env.COLLAB_LOCAL_BROADCAST).toBeUndefined();
    expect(env.NEWSROOM_SECTIONS).toBeUndefined();
  });

  it.each([
    ["NODE_ENV", "staging"],
    ["DATA_DIR", ""],
    ["DATABASE_URL", "mysql://db"],
    ["DATABASE_SCHEMA", "Newsroom"],
    ["SQLITE_SYNCHRONOUS", "OFF"],
    ["PORT", "-1"],
    ["PORT", "abc"],
    ["PORT", "65536"],
    ["NEXTAUTH_SECRET", "too short"],
    ["NEXTAUTH_URL", "the newsroom"],
    ["SEED_DEMO", "yes"],
    ["SCHEDULER_INTERVAL_MS", "100"],
    ["SITE_URL", "news.example"],
    ["SITE_NAME", ""],
    ["SITE_TIMEZONE", "Mars/Olympus_Mons"],
    ["COLLAB_PORT", "abc"],
    ["COLLAB_PUBLIC_URL", "http://collab.example"],
    ["COLLAB_INTERNAL_URL", "http://127.0.0.1:1234"],
    ["REDIS_URL", "127.0.0.1:6379"],
    ["COLLAB_MAX_FRAME_BYTES", "big"],
    ["COLLAB_BATCH_WINDOW_MS", "-5"],
    ["COLLAB_COMMIT_BURST", "Infinity"],
    ["COLLAB_LOCAL_BROADCAST", "later"],
    ["COLLAB_RESYNC_INTERVAL_MS", "soon"],
    ["COLLAB_STORE_RESYNC_INTERVAL_MS", "-1"],
    ["COLLAB_ACCESS_CHECK_INTERVAL_MS", "1s"],
    ["LOG_LEVEL", "loud"],
  ])("refuses %s=%j, naming it", (name, value) => {
    const message = problems({ [name]: value });
    expect(message).toMatch(new RegExp(`^  ${name}: `, "m"));
    expect(message.split("\n")).toHaveLength(2);
  });

  it("requires the secret", () => {
    expect(() => parseServerEnv({})).toThrow(/NEXTAUTH_SECRET: is required/);
  });

  it("lists every problem at once", () => {
    const message = problems({
      COLLAB_PORT: "abc",
      PORT: "-1",
      NEXTAUTH_SECRET: "",
      COLLAB_LOCAL_BROADCAST: "later",
      COLLAB_BATCH_WINDOW_MS: "-5",
    });
    expect(message.split("\n")).toEqual([
      "Invalid environment:",
      expect.stringMatching(/^ {2}PORT: /),
      expect.stringMatching(/^ {2}NEXTAUTH_SECRET: /),
      expect.stringMatching(/^ {2}COLLAB_PORT: must be a port number/),
      expect.stringMatching(/^ {2}COLLAB_BATCH_WINDOW_MS: .*"-5"/),
      expect.stringMatching(/^ {2}COLLAB_LOCAL_BROADCAST: /),
    ]);
  });
});

describe("single sign-on", () => {
  const trio = {
    OIDC_ISSUER: "https://id.example.com/realms/news",
    OIDC_CLIENT_ID: "newsroom",
    OIDC_CLIENT_SECRET: "client-secret",
  };

  it("is off without its variables", () => {
    expect(
      oidcSettings(parseServerEnv({ NEXTAUTH_SECRET: secret })),
    ).toBeNull();
  });

  it("is on with all three, invited-only and called single sign-on unless told", () => {
    const env = parseServerEnv({ NEXTAUTH_SECRET: secret, ...trio });
    expect(oidcSettings(env)).toEqual({
      issuer: trio.OIDC_ISSUER,
      clientId: "newsroom",
      clientSecret: "client-secret",
      name: "single sign-on",
      signup: "invited",
    });
    const open = parseServerEnv({
      NEXTAUTH_SECRET: secret,
      ...trio,
      OIDC_NAME: "Acme ID",
      OIDC_SIGNUP: "open",
    });
    expect(oidcSettings(open)).toMatchObject({
      name: "Acme ID",
      signup: "open",
    });
  });

  it("names each missing variable when only some are set", () => {
    const message = problems({ OIDC_ISSUER: trio.OIDC_ISSUER });
    expect(message.split("\n")).toEqual([
      "Invalid environment:",
      "  OIDC_CLIENT_ID: is required for single sign-on, since OIDC_ISSUER is set (set all three or none)",
      "  OIDC_CLIENT_SECRET: is required for single sign-on, since OIDC_ISSUER is set (set all three or none)",
    ]);
    expect(() =>
      parseStartEnv({ OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }),
    ).toThrow(
      /OIDC_ISSUER: is required .* OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set/,
    );
  });

  it.each([
    ["OIDC_ISSUER", "not a url"],
    ["OIDC_SIGNUP", "anyone"],
  ])("refuses %s=%j", (name, value) => {
    expect(problems({ ...trio, [name]: value })).toMatch(
      new RegExp(`^  ${name}: `, "m"),
    );
  });
});

describe("the collaboration process's key", () => {
  const tokenKey = "t".repeat(32);

  it("needs COLLAB_TOKEN_SECRET or NEXTAUTH_SECRET, not both", () => {
    expect(
      collabTokenSecret(parseCollabEnv({ COLLAB_TOKEN_SECRET: tokenKey })),
    ).toBe(tokenKey);
    expect(
      parseCollabEnv({ COLLAB_TOKEN_SECRET: tokenKey }).NEXTAUTH_SECRET,
    ).toBeUndefined();
    expect(collabTokenSecret(parseCollabEnv({ NEXTAUTH_SECRET: secret }))).toBe(
      deriveCollabTokenSecret(secret),
    );
    expect(() => parseCollabEnv({})).toThrow(
      /COLLAB_TOKEN_SECRET: is required \(or NEXTAUTH_SECRET/,
    );
    expect(() => parseServerEnv({ COLLAB_TOKEN_SECRET: tokenKey })).toThrow(
      /NEXTAUTH_SECRET: is required/,
    );
  });

  it("is derived from the app secret: stable, of its own, and not the secret", () => {
    const derived = deriveCollabTokenSecret(secret);
    expect(derived).toMatch(/^[0-9a-f]{64}$/);
    expect(deriveCollabTokenSecret(secret)).toBe(derived);
    expect(derived).not.toContain(secret);
    expect(deriveCollabTokenSecret("x".repeat(32))).not.toBe(derived);
    // The web app (NEXTAUTH_SECRET) and the collaboration process (its key) agree.
    expect(collabTokenSecret(parseServerEnv({ NEXTAUTH_SECRET: secret }))).toBe(
      collabTokenSecret(parseCollabEnv({ COLLAB_TOKEN_SECRET: derived })),
    );
  });

  it("is all npm start gives the collaboration process: never NEXTAUTH_SECRET", () => {
    const env = collabProcessEnv({
      NEXTAUTH_SECRET: secret,
      COLLAB_PORT: "1234",
    });
    expect(env).toEqual({
      COLLAB_PORT: "1234",
      COLLAB_TOKEN_SECRET: deriveCollabTokenSecret(secret),
    });
    expect(
      collabProcessEnv({
        NEXTAUTH_SECRET: secret,
        COLLAB_TOKEN_SECRET: "k".repeat(32),
      }),
    ).toEqual({
      COLLAB_TOKEN_SECRET: "k".repeat(32),
    });
  });
});

describe("npm start's reading", () => {
  it("lets the secret be missing (it makes one), and checks everything else", () => {
    expect(parseStartEnv({}).NEXTAUTH_SECRET).toBeUndefined();
    expect(parseStartEnv({ NEXTAUTH_SECRET: "" }).NEXTAUTH_SECRET).toBe(
      undefined,
    );
    expect(() =>
      parseStartEnv({ NEXTAUTH_SECRET: "short", PORT: "x" }),
    ).toThrow(/PORT: [^]*NEXTAUTH_SECRET: must be at least 32/);
  });
});

describe("one variable alone", () => {
  it("is parsed by its entry in the schema", () => {
    expect(envValue("LOG_LEVEL", {})).toBe("info");
    expect(envValue("REDIS_URL", { REDIS_URL: "" })).toBeUndefined();
    expect(() => envValue("REDIS_URL", { REDIS_URL: "localhost" })).toThrow(
      /REDIS_URL: must be a redis:\/\/ URL/,
    );
  });
});

describe("a URL in a message", () => {
  it("leaves its password out", () => {
    expect(redactedUrl("redis://:hunter2@cache:6379")).toBe(
      "redis://:***@cache:6379",
    );
    expect(redactedUrl("postgres://postgres@127.0.0.1:5432/test")).toBe(
      "postgres://postgres@127.0.0.1:5432/test",
    );
  });
});

describe("the module", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("refuses to load in a browser", async () => {
    vi.stubGlobal("window", {});
    vi.resetModules();
    await expect(import("./env")).rejects.toThrow(/must not reach a browser/);
  });
});
