import type { z } from "zod";
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

/** The JSON error response for `error`: AppErrors keep their status; anything else is a 500 that is logged. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return json(errorBody(error), error.status);
  log.error("unhandled error", { error: describeError(error) });
  return json(
    errorBody(new AppError("internal", "Something went wrong on our side.")),
    500,
  );
}

/** Wraps a route handler so that thrown errors become `{error: {code, message}}` responses. */
export function handler<A extends unknown[]>(
  fn: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Reads and validates a JSON body. Throws AppError: payload_too_large (413), invalid_json (400),
 * unsupported_media_type (415) or validation_failed (422, with the problems).
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_JSON_BYTES,
): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
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
