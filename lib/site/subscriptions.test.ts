import { describe, expect, it } from "vitest";
import { validate } from "../http";
import { subscribeBody } from "./subscriptions";

describe("subscription input", () => {
  it("accepts an e-mail address and refuses anything else with 422", () => {
    expect(validate(subscribeBody, { email: " Reader@Example.com " })).toEqual({
      email: "Reader@Example.com",
    });
    for (const email of ["", "not-an-address", "a@", "x".repeat(250) + "@a.io"])
      expect(() => validate(subscribeBody, { email })).toThrow(
        expect.objectContaining({ code: "validation_failed", status: 422 }),
      );
  });
});
