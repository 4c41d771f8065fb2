import { describe, expect, it } from "vitest";
import {
  isValidSlug,
  isValidTagSlug,
  scriptLanguage,
  slugForHeadline,
  slugify,
  tagSlug,
  withSuffix,
} from "./slug";

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

describe("slugs for any headline", () => {
  it("fall back to the story id when the headline has no ASCII words", () => {
    const id = "3f2a9c1e-0000-4000-8000-000000000000";
    expect(slugForHeadline("Typhoon nears Jeju", id)).toBe(
      "typhoon-nears-jeju",
    );
    expect(slugForHeadline("서울 폭우로 도로 통제", id)).toBe("story-3f2a9c1e");
    expect(isValidSlug(slugForHeadline("", id))).toBe(true);
  });

  it("recognise Korean, Japanese and Chinese text", () => {
    expect(scriptLanguage("서울 폭우로 도로 통제")).toBe("ko");
    expect(scriptLanguage("東京で大雨、交通に乱れ")).toBe("ja");
    expect(scriptLanguage("北京暴雨")).toBe("zh");
    expect(scriptLanguage("Seoul floods: 서울")).toBeNull();
  });
});

describe("tag slugs", () => {
  it("are the ASCII slug, or the tag's own words for tags in other scripts", () => {
    expect(tagSlug("North Korea")).toBe("north-korea");
    expect(tagSlug("Small business")).toBe("small-business");
    expect(tagSlug("북한 핵")).toBe("북한-핵");
    expect(tagSlug("!!")).toBe("");
  });
  it("validate a URL's tag: only a slug that is its own tag slug", () => {
    for (const ok of ["north-korea", "food", "북한-핵", "2024"])
      expect(isValidTagSlug(ok), ok).toBe(true);
    for (const bad of [
      "",
      "North-Korea",
      "north korea",
      "../etc/passwd",
      "<script>",
      "food-",
      "x".repeat(81),
      "%EB%B6%81",
    ])
      expect(isValidTagSlug(bad), bad).toBe(false);
  });
});
