import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { errorResponse, readJson } from "./http";

const schema = z.object({ headline: z.string() });
const post = (body: string, type = "application/json") =>
  new Request("http://x/", {
    method: "POST",
    body,
    headers: { "content-type": type },
  });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError
      ? `${error.status} ${error.code}`
      : "unexpected";
  }
}

describe("readJson", () => {
  it("parses and validates", async () => {
    expect(await readJson(post('{"headline":"x"}'), schema)).toEqual({
      headline: "x",
    });
  });
  it("refuses malformed, invalid, oversized and non-JSON bodies with the right status", async () => {
    expect(await codeOf(readJson(post("{"), schema))).toBe("400 invalid_json");
    expect(await codeOf(readJson(post('{"headline":1}'), schema))).toBe(
      "422 validation_failed",
    );
    expect(await codeOf(readJson(post("{}"), schema))).toBe(
      "422 validation_failed",
    );
    expect(
      await codeOf(
        readJson(
          post(JSON.stringify({ headline: "x".repeat(70_000) })),
          schema,
        ),
      ),
    ).toBe("413 payload_too_large");
    expect(
      await codeOf(
        readJson(
          post("headline=x", "application/x-www-form-urlencoded"),
          schema,
        ),
      ),
    ).toBe("415 unsupported_media_type");
  });
});

describe("errorResponse", () => {
  it("presents AppErrors as {error: {code, message}} and hides internal errors", async () => {
    const known = errorResponse(
      new AppError("conflict", "Not from this state."),
    );
    expect(known.status).toBe(409);
    expect(await known.json()).toEqual({
      error: { code: "conflict", message: "Not from this state." },
    });
    const unknown = errorResponse(new Error("db password is hunter2"));
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(await unknown.json())).not.toContain("hunter2");
  });
});
