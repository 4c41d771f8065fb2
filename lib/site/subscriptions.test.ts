import { describe, expect, it } from "vitest";
import { validate } from "../http";
import {
  clientKey,
  createRateLimiter,
  RateLimitedError,
  subscribeBody,
} from "./subscriptions";

describe("subscription input and limits", () => {
  it("accepts an e-mail address and refuses anything else with 422", () => {
    expect(validate(subscribeBody, { email: " Reader@Example.com " })).toEqual({
      email: "Reader@Example.com",
    });
    for (const email of ["", "not-an-address", "a@", "x".repeat(250) + "@a.io"])
      expect(() => validate(subscribeBody, { email })).toThrow(
        expect.objectContaining({ code: "validation_failed", status: 422 }),
      );
  });

  it("limits hits per key per window and says when to retry", () => {
    let t = 0;
    const limiter = createRateLimiter(2, 60_000, () => t);
    expect(limiter.hit("a")).toBeNull();
    expect(limiter.hit("a")).toBeNull();
    expect(limiter.hit("b")).toBeNull();
    t = 15_000;
    expect(limiter.hit("a")).toBe(45);
    t = 60_000;
    expect(limiter.hit("a")).toBeNull();
    expect(new RateLimitedError("slow down", 45)).toMatchObject({
      status: 429,
      code: "rate_limited",
      retryAfterSeconds: 45,
    });
  });

  it("keys clients by the nearest forwarded address", () => {
    expect(
      clientKey(new Headers({ "x-forwarded-for": "1.1.1.1, 10.0.0.2" })),
    ).toBe("10.0.0.2");
    expect(clientKey(new Headers())).toBe("unknown");
  });
});
