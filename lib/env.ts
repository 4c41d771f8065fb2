import path from "node:path";
import { z } from "zod";

/**
 * The one validated view of the environment. Parsed lazily (so `next build` runs
 * without secrets) and cached; every problem is reported at once.
 */
const serverEnvSchema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"])
    .default("development"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** PostgreSQL schema to keep the tables in (default: the connection's search path, `public`). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be a lower-case SQL identifier")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** SQLite durability: FULL fsyncs every commit (survives power loss); NORMAL survives crashes. */
  SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(1234),
  /** Where browsers reach the collaboration server; derived from the request host when unset. */
  COLLAB_PUBLIC_URL: z
    .string()
    .regex(/^wss?:\/\//, "must be a ws:// or wss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Where this server reaches the collaboration server (restores go through it). */
  COLLAB_INTERNAL_URL: z
    .string()
    .regex(/^wss?:\/\//, "must be a ws:// or wss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** How often the scheduler looks for stories due to go live (ms). */
  SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(200)
    .max(60_000)
    .default(30_000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
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
  SEED_DEMO: z.enum(["0", "1"]).default("1"),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", "silent"])
    .default("info"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema> & { dataDir: string };

let cached: ServerEnv | undefined;

/** Thrown when the environment is invalid; the message lists every problem. */
export class EnvError extends Error {}

/** Parses `source` (default `process.env`); throws EnvError listing every invalid variable. */
export function parseServerEnv(
  source: NodeJS.ProcessEnv = process.env,
): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

/** The process environment, validated once. */
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

/** The collaboration server as this process reaches it. */
export function collabInternalUrl(env: ServerEnv = serverEnv()): string {
  return env.COLLAB_INTERNAL_URL ?? `ws://127.0.0.1:${env.COLLAB_PORT}`;
}
