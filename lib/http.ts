import type { z } from "zod";
import { serverEnv, siteUrl, type ServerEnv } from "./env";
import { AppError, errorBody } from "./errors";
import { createLogger, describeError } from "./log";

const log = createLogger("api");

/** Largest JSON request body accepted: 64 kB. */
export const MAX_JSON_BYTES = 64 * 1024;

/** A JSON response. */
export function json(
  data: unknown,
  status = 200,
  headers: HeadersInit = {},
): Response {
  return Response.json(data, {
    status,
    headers: { "cache-control": "no-store", ...headers },
  });
}

/** The 404 for an address nothing answers: JSON, as every API error is. */
export function noSuchAddress(): Response {
  return json(errorBody(new AppError("not_found", "No such address.")), 404);
}

/**
 * The JSON error response for `error`: AppErrors keep their status (and a `retryAfterSeconds`
 * becomes Retry-After); anything else is a 500 that is logged.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    // Duck-typed: every rate-limit error (lib/rate-limit, lib/site) carries one.
    const retryAfter = (error as { retryAfterSeconds?: unknown })
      .retryAfterSeconds;
    return json(
      errorBody(error),
      error.status,
      typeof retryAfter === "number"
        ? { "retry-after": String(retryAfter) }
        : {},
    );
  }
  log.error("unhandled error", { error: describeError(error) });
  return json(
    errorBody(new AppError("internal", "Something went wrong on our side.")),
    500,
  );
}

/** The origin of the newsroom app: NEXTAUTH_URL's, else http://localhost:PORT. */
export function appOrigin(env: ServerEnv = serverEnv()): string {
  return new URL(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).origin;
}

/** Every origin the site is served from: the app's and the public site's (SITE_URL). */
export function siteOrigins(env: ServerEnv = serverEnv()): string[] {
  return [...new Set([appOrigin(env), new URL(siteUrl(env)).origin])];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Throws AppError forbidden_origin (403) when a request says a page of another site sent it:
 * an `Origin` that is none of `origins` (`null` included), or a `Sec-Fetch-Site` other than
 * same-origin or none. A request with neither (curl, another server) passes: the session cookie
 * is SameSite, so a browser never sends it along with another site's request anyway.
 */
export function assertSameOrigin(
  request: Request,
  origins: readonly string[],
): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (
    (origin !== null && !origins.includes(origin)) ||
    (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none")
  )
    throw new AppError(
      "forbidden_origin",
      "This request came from another site; only this site's own pages may send it.",
    );
}

/**
 * Wraps a route handler so that thrown errors become `{error: {code, message}}` responses, and
 * refuses state-changing requests (anything but GET, HEAD, OPTIONS) sent by another site's page
 * (403 forbidden_origin, see assertSameOrigin).
 */
export function handler<A extends unknown[]>(
  fn: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      const request = args[0];
      if (request instanceof Request && !SAFE_METHODS.has(request.method))
        assertSameOrigin(request, siteOrigins());
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Whether a Content-Type is exactly JSON: `application/json`, optionally with `charset=utf-8`.
 * Anything looser would let in `text/plain; x=application/json`, which another site's page may
 * send without asking the browser's CORS preflight first.
 */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const [type = "", ...parameters] = value.split(";");
  return (
    type.trim().toLowerCase() === "application/json" &&
    parameters.every((p) => /^\s*charset\s*=\s*("?)utf-8\1\s*$/i.test(p))
  );
}

/**
 * Reads and validates a JSON body. Throws AppError: payload_too_large (413), invalid_json (400),
 * unsupported_media_type (415: the Content-Type is not exactly JSON, see isJsonContentType) or
 * validation_failed (422, with the problems).
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError(
      "unsupported_media_type",
      "Send the request body as application/json.",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes)
    throw new AppError(
      "payload_too_large",
      `The request body is larger than ${maxBytes} bytes.`,
    );
  const text = await readLimited(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.");
  }
  return validate(schema, value);
}

/** Validates `value` against `schema`; throws AppError validation_failed listing each problem. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({
      path: i.path.join("."),
      message: i.message,
    }));
    const summary = problems
      .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
      .join("; ");
    throw new AppError(
      "validation_failed",
      `Invalid request: ${summary}`,
      problems,
    );
  }
  return result.data;
}

async function readLimited(
  request: Request,
  maxBytes: number,
): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError(
        "payload_too_large",
        `The request body is larger than ${maxBytes} bytes.`,
      );
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
