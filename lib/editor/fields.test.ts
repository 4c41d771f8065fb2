import { describe, expect, it } from "vitest";
import { sectionSlug, sections } from "../sections";
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

describe("sections", () => {
  it("come from configuration, with a default list", () => {
    expect(sections(undefined)).toContain("North Korea");
    expect(sections(" Local, Sports ,, ")).toEqual(["Local", "Sports"]);
    expect(sectionSlug("Life & Style")).toBe("life-and-style");
    expect(sectionSlug("North Korea")).toBe("north-korea");
  });
});
