import { hkdfSync } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import {
  collabEnvSchema,
  serverEnvSchema,
  startEnvSchema,
  webEnvSchema,
} from "./env-schema";

/**
 * The one validated view of the environment: every variable that the web app, its proxy, the
 * collaboration server and `npm start` read is declared in lib/env-schema.ts and parsed here,
 * lazily (so `next build` runs without secrets) and once, and every problem is reported at once.
 *
 * Server-only: it holds secrets. No variable is meant for the browser (there is no
 * `NEXT_PUBLIC_` one); what a page needs reaches it as props from a server component, and a
 * browser variable would get a schema of its own in a module that does not import this one.
 *
 * Not here, on purpose: Next's own `NEXT_RUNTIME` and `NEXT_PHASE` (instrumentation.ts tests
 * them as Next documents, before importing anything Node-only), and the knobs of the test and
 * bench tools (`CRASH_*`, `CHAOS_*`, `E2E_*`, `BENCH_*`, `PLAYWRIGHT_CHROMIUM_EXECUTABLE`, and
 * their reports of the store and Redis they ran with), which tune the instrument rather than
 * the product and are read where they are used.
 */
if (typeof window !== "undefined")
  throw new Error(
    "lib/env.ts holds server secrets and must not reach a browser",
  );

type Variables = typeof serverEnvSchema.shape;

/** Where variables are read from: `process.env`, or a plain object in tests. */
type Source = Readonly<Record<string, string | undefined>>;

export type ServerEnv = z.output<typeof serverEnvSchema> & { dataDir: string };

/** What the collaboration process reads (NEXTAUTH_SECRET optional). */
export type CollabEnv = z.output<typeof collabEnvSchema> & { dataDir: string };

/** What `npm start` reads before it has made sure of a secret. */
export type StartEnv = z.output<typeof startEnvSchema> & { dataDir: string };

/** Thrown when the environment is invalid; the message lists every problem. */
export class EnvError extends Error {}

function valid<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
  );
  throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
}

/** Parses `source` (default `process.env`); throws EnvError listing every invalid variable. */
export function parseServerEnv(source: Source = process.env): ServerEnv {
  const env = valid(webEnvSchema.safeParse(source));
  return { ...env, dataDir: path.resolve(env.DATA_DIR) };
}

/**
 * The collaboration process's environment: like parseServerEnv, but NEXTAUTH_SECRET may be
 * missing when COLLAB_TOKEN_SECRET is set; throws EnvError.
 */
export function parseCollabEnv(source: Source = process.env): CollabEnv {
  const env = valid(collabEnvSchema.safeParse(source));
  return { ...env, dataDir: path.resolve(env.DATA_DIR) };
}

/**
 * The key collaboration tokens are signed and checked with: COLLAB_TOKEN_SECRET, else one
 * derived from NEXTAUTH_SECRET (HKDF-SHA-256), so that the collaboration process can be given
 * this key alone: it cannot sign sessions with it.
 */
export function collabTokenSecret(env: {
  COLLAB_TOKEN_SECRET?: string;
  NEXTAUTH_SECRET?: string;
}): string {
  if (env.COLLAB_TOKEN_SECRET) return env.COLLAB_TOKEN_SECRET;
  if (env.NEXTAUTH_SECRET) return deriveCollabTokenSecret(env.NEXTAUTH_SECRET);
  throw new EnvError(
    "Invalid environment:\n  COLLAB_TOKEN_SECRET: is required (or NEXTAUTH_SECRET)",
  );
}

/** The collaboration token key derived from the app secret (64 hex characters). */
export function deriveCollabTokenSecret(appSecret: string): string {
  return Buffer.from(
    hkdfSync("sha256", appSecret, "newsroom", "collab-token-key v1", 32),
  ).toString("hex");
}

/**
 * The environment `npm start` gives the collaboration process: its own, with the token key
 * spelled out and without NEXTAUTH_SECRET.
 */
export function collabProcessEnv<T extends Source>(source: T): T {
  const env: Record<string, string | undefined> = {
    ...source,
    COLLAB_TOKEN_SECRET: collabTokenSecret(source),
  };
  delete env.NEXTAUTH_SECRET;
  return env as T;
}

/** Like parseServerEnv, but NEXTAUTH_SECRET may be missing; throws EnvError. */
export function parseStartEnv(source: Source = process.env): StartEnv {
  const env = valid(startEnvSchema.safeParse(source));
  return { ...env, dataDir: path.resolve(env.DATA_DIR) };
}

/**
 * One variable, parsed by its entry in the schema, for code that must work without the rest
 * (the logger, test helpers). Throws EnvError when it is invalid.
 */
export function envValue<K extends keyof Variables>(
  name: K,
  source: Source = process.env,
): z.output<Variables[K]> {
  const shape: Variables = serverEnvSchema.shape;
  return valid(
    z.object({ [name]: shape[name] }).safeParse({ [name]: source[name] }),
  )[name] as z.output<Variables[K]>;
}

let cached: ServerEnv | undefined;

/** The process environment, validated once; throws EnvError listing every problem. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv();
  return cached;
}

/** Public base URL of the site, without a trailing slash. */
export function siteUrl(env: ServerEnv = serverEnv()): string {
  const base =
    env.SITE_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  return base.replace(/\/+$/, "");
}

/**
 * Who the newsroom's e-mail comes from: MAIL_FROM, else the site's name at `newsroom@` the
 * app's host (NEXTAUTH_URL's). Returned as an address object so that the name is encoded, not
 * pasted into the header.
 */
export function mailFrom(env: ServerEnv = serverEnv()): {
  name: string;
  address: string;
} {
  if (env.MAIL_FROM) {
    const match = /^(.*)<(.+)>$/.exec(env.MAIL_FROM);
    if (!match) return { name: "", address: env.MAIL_FROM };
    return {
      name: match[1]!.trim().replace(/^"(.*)"$/, "$1"),
      address: match[2]!,
    };
  }
  const host = new URL(env.NEXTAUTH_URL ?? "http://localhost").hostname;
  return { name: env.SITE_NAME, address: `newsroom@${host}` };
}

/** The collaboration server as this process reaches it. */
export function collabInternalUrl(env: ServerEnv = serverEnv()): string {
  return env.COLLAB_INTERNAL_URL ?? `ws://127.0.0.1:${env.COLLAB_PORT}`;
}

/** A URL from the environment as messages may show it: without its password. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}
