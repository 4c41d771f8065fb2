import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "./errors";
import {
  assertSameOrigin,
  errorResponse,
  handler,
  isJsonContentType,
  readJson,
} from "./http";
import { RateLimitedError } from "./rate-limit";

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

  it("takes only exactly-JSON content types, optionally with charset=utf-8", async () => {
    for (const type of [
      "application/json",
      "Application/JSON",
      "application/json; charset=utf-8",
      "application/json;charset=UTF-8",
      'application/json; charset="utf-8"',
    ])
      expect([type, isJsonContentType(type)]).toEqual([type, true]);
    for (const type of [
      "text/plain",
      "text/plain; x=application/json",
      "text/plain;application/json",
      "application/x-www-form-urlencoded; application/json",
      "multipart/form-data; boundary=application/json",
      "application/json-patch+json",
      "application/jsonx",
      "application/json; charset=utf-16",
      "application/json; foo=bar",
      "application/json;",
      "",
    ])
      expect([type, isJsonContentType(type)]).toEqual([type, false]);
    expect(isJsonContentType(null)).toBe(false);
    expect(
      await codeOf(
        readJson(
          post('{"headline":"x"}', "text/plain; x=application/json"),
          schema,
        ),
      ),
    ).toBe("415 unsupported_media_type");
  });
});

describe("assertSameOrigin", () => {
  const origins = ["https://newsroom.example", "https://news.example"];
  const request = (headers: Record<string, string>, method = "POST") =>
    new Request("https://newsroom.example/api/stories", { method, headers });
  const verdict = (headers: Record<string, string>) => {
    try {
      assertSameOrigin(request(headers), origins);
      return "allowed";
    } catch (error) {
      return error instanceof AppError ? `${error.status} ${error.code}` : "?";
    }
  };

  it("allows the site's own pages and requests that name no origin", () => {
    expect(verdict({ origin: "https://newsroom.example" })).toBe("allowed");
    expect(verdict({ origin: "https://news.example" })).toBe("allowed");
    expect(
      verdict({
        origin: "https://newsroom.example",
        "sec-fetch-site": "same-origin",
      }),
    ).toBe("allowed");
    expect(verdict({ "sec-fetch-site": "none" })).toBe("allowed");
    expect(verdict({})).toBe("allowed");
  });

  it("refuses another site's page, by Origin or by Sec-Fetch-Site", () => {
    const hostile: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "http://newsroom.example" },
      { origin: "https://newsroom.example:8443" },
      { origin: "https://newsroom.example.evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://newsroom.example", "sec-fetch-site": "cross-site" },
    ];
    for (const headers of hostile)
      expect([headers, verdict(headers)]).toEqual([
        headers,
        "403 forbidden_origin",
      ]);
  });
});

describe("handler", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= "x".repeat(32);
    process.env.NEXTAUTH_URL = "https://newsroom.example";
    delete process.env.SITE_URL;
  });
  const ok = handler(async (_request: Request) => Response.json({ ok: 1 }));
  const send = (method: string, headers: Record<string, string>) =>
    ok(new Request("https://newsroom.example/api/x", { method, headers }));

  it("refuses a state-changing request from another site with 403 forbidden_origin", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const refused = await send(method, { origin: "https://evil.example" });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        error: { code: "forbidden_origin" },
      });
      expect(
        (await send(method, { origin: "https://newsroom.example" })).status,
      ).toBe(200);
      expect((await send(method, {})).status).toBe(200);
    }
  });

  it("leaves reads alone, whoever links to them", async () => {
    for (const method of ["GET", "HEAD", "OPTIONS"])
      expect(
        (await send(method, { "sec-fetch-site": "cross-site" })).status,
      ).toBe(200);
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

  it("says when to come back after a rate limit", async () => {
    const limited = errorResponse(new RateLimitedError("Slow down.", 42));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("42");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "Slow down." },
    });
  });
});
