import { z } from "zod";
import { parseProxyRanges } from "./ip";

/**
 * The variables of the environment and their rules (lib/env.ts parses with them): what the web
 * app, the collaboration process and `npm start` each require of them.
 */
/** `schema`, or undefined when the variable is unset or empty (tests clear a variable with ""). */
function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
}

const portMessage = "must be a port number (0-65535)";
const port = (fallback: number) =>
  z.coerce
    .number({ error: portMessage })
    .int(portMessage)
    .min(0, portMessage)
    .max(65535, portMessage)
    .default(fallback);

/** A number >= 0 as `Number()` reads it; unset or empty: the collaboration server's default. */
const nonNegativeNumber = unsetIfEmpty(
  z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (Number.isFinite(value) && value >= 0) return value;
    ctx.addIssue({
      code: "custom",
      message: `must be a non-negative number, got "${raw}"`,
    });
    return z.NEVER;
  }),
);

const url = (pattern: RegExp, message: string) =>
  unsetIfEmpty(z.string().regex(pattern, message));

const secret = z
  .string({ error: "is required" })
  .min(32, "must be at least 32 characters");

export const serverEnvSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development"),

  // The store.
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: url(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  /** PostgreSQL schema to keep the tables in (default: the connection's search path, `public`). */
  DATABASE_SCHEMA: unsetIfEmpty(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case SQL identifier"),
  ),
  /** SQLite durability: FULL fsyncs every commit (survives power loss); NORMAL survives crashes. */
  SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),

  // The web app and its sign-in.
  PORT: port(3000),
  NEXTAUTH_SECRET: secret,
  /**
   * The key collaboration tokens are signed with, the only secret the collaboration process
   * needs; unset: derived from NEXTAUTH_SECRET (collabTokenSecret).
   */
  COLLAB_TOKEN_SECRET: unsetIfEmpty(secret),
  NEXTAUTH_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  /**
   * Single sign-on with an OpenID Connect provider: all three or none (oidcSettings). The issuer
   * is the provider's URL as its discovery document names it.
   */
  OIDC_ISSUER: unsetIfEmpty(z.string().url("must be a URL")),
  OIDC_CLIENT_ID: unsetIfEmpty(z.string()),
  OIDC_CLIENT_SECRET: unsetIfEmpty(z.string()),
  /** What the sign-in button calls the provider: "Sign in with <name>". */
  OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
  /**
   * Who may sign in by single sign-on the first time: `invited` (an account with that verified
   * e-mail exists) or `open` (anyone with a verified e-mail; a new reporter is made).
   */
  OIDC_SIGNUP: z
    .enum(["invited", "open"], { error: 'must be "invited" or "open"' })
    .default("invited"),
  /**
   * Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed: "10.0.0.1,
   * 10.1.0.0/16, fd00::/8". Unset: nobody's; the socket's peer is the client (lib/client-address).
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return parseProxyRanges(raw ?? "");
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The desk's sections, "A,B,C"; unset or nothing but commas: lib/stories/sections.ts's list. */
  NEWSROOM_SECTIONS: z
    .string()
    .optional()
    .transform((raw) => {
      const names = (raw ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return names.length > 0 ? names : undefined;
    }),
  /** "0": this web process runs no scheduled publication (anything else: it does). */
  NEWSROOM_SCHEDULER: z
    .string()
    .optional()
    .transform((raw) => raw !== "0"),
  /** How often the scheduler looks for stories due to go live (ms). */
  SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(60_000)
    .default(30_000),

  // E-mail (lib/mail). Unset SMTP_URL: nothing is sent, and nothing fails for it.
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  SMTP_URL: url(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
  /** The sender, `newsroom@example.com` or `Name <newsroom@example.com>`; default: mailFrom. */
  MAIL_FROM: unsetIfEmpty(
    z
      .string()
      .regex(
        /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        "must be an address, name@example.com or Name <name@example.com>",
      ),
  ),

  // The public site.
  /** Public base URL of the news site (canonical links, feeds). */
  SITE_URL: z.string().url().optional(),
  SITE_NAME: z.string().min(1).default("The Newsroom Herald"),
  SITE_TIMEZONE: z
    .string()
    .default("Asia/Seoul")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone"),

  // The collaboration server. Tunables left unset take server/config.ts's defaults.
  COLLAB_HOST: z.string().default("0.0.0.0"),
  COLLAB_PORT: port(1234),
  /** Where the collaboration server serves /metrics: loopback only unless set. */
  COLLAB_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  COLLAB_METRICS_PORT: port(9464),
  /** Where browsers reach the collaboration server; derived from the request host when unset. */
  COLLAB_PUBLIC_URL: url(/^wss?:\/\//, "must be a ws:// or wss:// URL"),
  /** Where the web app reaches the collaboration server (restores go through it). */
  COLLAB_INTERNAL_URL: url(/^wss?:\/\//, "must be a ws:// or wss:// URL"),
  REDIS_URL: url(/^rediss?:\/\//, "must be a redis:// URL"),
  COLLAB_MAX_FRAME_BYTES: nonNegativeNumber,
  COLLAB_MAX_STORY_BYTES: nonNegativeNumber,
  COLLAB_BATCH_WINDOW_MS: nonNegativeNumber,
  COLLAB_COMMIT_BURST: nonNegativeNumber,
  COLLAB_LOCAL_BROADCAST: unsetIfEmpty(
    z.enum(["immediate", "after-commit"], {
      error: 'must be "immediate" or "after-commit"',
    }),
  ),
  COLLAB_RESYNC_INTERVAL_MS: nonNegativeNumber,
  COLLAB_STORE_RESYNC_INTERVAL_MS: nonNegativeNumber,
  COLLAB_ACCESS_CHECK_INTERVAL_MS: nonNegativeNumber,
  /** Presence changes within this many ms go out as one message (default 100; 0: at once). */
  COLLAB_PRESENCE_RELAY_MS: nonNegativeNumber,
  /** Keepalive ping interval of the collaboration server (ms; default 2000, at least 100). */
  COLLAB_PING_INTERVAL_MS: nonNegativeNumber,
  /** Sockets one user may hold on one collaboration server (default 20). */
  COLLAB_MAX_SOCKETS_PER_USER: unsetIfEmpty(
    z.coerce
      .number({ error: "must be a whole number of at least 1" })
      .int("must be a whole number of at least 1")
      .min(1, "must be a whole number of at least 1"),
  ),

  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", "silent"])
    .default("info"),
});

const OIDC_TRIO = [
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
] as const;

/** Single sign-on is configured by all three of OIDC_TRIO or none: a partial set is a mistake. */
function oidcAllOrNone(
  env: Partial<Record<(typeof OIDC_TRIO)[number], string>>,
  ctx: z.RefinementCtx,
): void {
  const set = OIDC_TRIO.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === OIDC_TRIO.length) return;
  for (const name of OIDC_TRIO.filter((n) => env[n] === undefined))
    ctx.addIssue({
      code: "custom",
      path: [name],
      message: `is required for single sign-on, since ${set.join(" and ")} ${
        set.length === 1 ? "is" : "are"
      } set (set all three or none)`,
    });
}

export const webEnvSchema = serverEnvSchema.superRefine(oidcAllOrNone);

/** `npm start` makes a secret per store when none is given. */
export const startEnvSchema = serverEnvSchema
  .extend({ NEXTAUTH_SECRET: unsetIfEmpty(secret) })
  .superRefine(oidcAllOrNone);

/**
 * The collaboration process: it signs nothing but checks collaboration tokens, so it needs
 * COLLAB_TOKEN_SECRET and should not be given NEXTAUTH_SECRET (`npm start` does not give it).
 */
export const collabEnvSchema = serverEnvSchema
  .extend({ NEXTAUTH_SECRET: unsetIfEmpty(secret) })
  .refine((env) => env.COLLAB_TOKEN_SECRET ?? env.NEXTAUTH_SECRET, {
    path: ["COLLAB_TOKEN_SECRET"],
    message: "is required (or NEXTAUTH_SECRET, from which it is derived)",
  });
