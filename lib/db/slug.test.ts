import { describe, expect, it } from "vitest";
import { isValidSlug, slugify, withSuffix } from "./slug";

describe("slugs", () => {
  it("derives readable ASCII slugs from headlines", () => {
    expect(
      slugify("North Korea sends troops to support Russia in Ukraine war: NIS"),
    ).toBe("north-korea-sends-troops-to-support-russia-in-ukraine-war-nis");
    expect(slugify("Café’s “crème brûlée” — 2024!")).toBe(
      "cafes-creme-brulee-2024",
    );
    expect(slugify("태풍")).toBe("");
    expect(slugify("a ".repeat(100)).length).toBeLessThanOrEqual(80);
  });
  it("validates slugs from URLs", () => {
    expect(isValidSlug("typhoon-nears-jeju")).toBe(true);
    expect(isValidSlug(withSuffix("typhoon"))).toBe(true);
    expect(isValidSlug("../etc/passwd")).toBe(false);
    expect(isValidSlug("Upper")).toBe(false);
  });
});
