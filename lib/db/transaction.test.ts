import { describe, expect, it } from "vitest";
import { orderedNowIso } from "./transaction";

describe("orderedNowIso", () => {
  it("never gives the same time twice, even within one millisecond, and stays near now", () => {
    const before = Date.now();
    const stamps = Array.from({ length: 200 }, () => orderedNowIso());
    expect(new Set(stamps).size).toBe(stamps.length);
    expect([...stamps].sort()).toEqual(stamps);
    // 200 stamps taken in a few milliseconds run at most 200 ms ahead of the clock.
    expect(Date.parse(stamps[0]!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamps.at(-1)!)).toBeLessThanOrEqual(Date.now() + 200);
  });
});
