import { describe, expect, it } from "vitest";
import { readingMinutes } from "./fields";

describe("reading time", () => {
  it("rounds up, with no reading time for an empty story", () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(230)).toBe(1);
    expect(readingMinutes(231)).toBe(2);
    expect(readingMinutes(940)).toBe(5);
  });
});
