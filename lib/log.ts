import { envValue } from "./env";

/** Minimal structured logger: one JSON line per event on stderr/stdout. */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
};

let configured: number | undefined;

function threshold(): number {
  if (configured === undefined) {
    try {
      configured = order[envValue("LOG_LEVEL")];
    } catch {
      // A bad LOG_LEVEL is refused where the environment is validated; a log line never throws.
      configured = order.info;
    }
  }
  return configured;
}

function write(
  level: Level,
  scope: string,
  message: string,
  fields?: Record<string, unknown>,
): void {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({
    t: new Date().toISOString(),
    level,
    scope,
    msg: message,
    ...fields,
  });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger whose lines carry `scope`. Never pass secrets or passwords in fields. */
export function createLogger(scope: string): Logger {
  return {
    debug: (m, f) => write("debug", scope, m, f),
    info: (m, f) => write("info", scope, m, f),
    warn: (m, f) => write("warn", scope, m, f),
    error: (m, f) => write("error", scope, m, f),
  };
}

/** Formats an unknown thrown value for a log line. */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
