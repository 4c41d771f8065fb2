import { describe, expect, it } from "vitest";
import { isSafeLinkHref, normaliseLinkInput } from "./links";

describe("isSafeLinkHref", () => {
  it.each([
    ["https://example.com/a?b=c", true],
    ["http://example.com", true],
    ["mailto:desk@example.com", true],
    ["javascript:alert(1)", false],
    ["JAVASCRIPT:alert(1)", false],
    ["java\tscript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox", false],
    ["/relative/path", false],
    ["mailto:nobody", false],
    ["", false],
  ])("%s → %s", (href, expected) => {
    expect(isSafeLinkHref(href)).toBe(expected);
  });
});

describe("normaliseLinkInput", () => {
  it("adds https to a bare domain and mailto to an address", () => {
    expect(normaliseLinkInput("example.com/story")).toBe(
      "https://example.com/story",
    );
    expect(normaliseLinkInput("desk@example.com")).toBe(
      "mailto:desk@example.com",
    );
  });
  it("refuses what cannot be made safe", () => {
    expect(normaliseLinkInput("javascript:alert(1)")).toBeNull();
    expect(normaliseLinkInput("   ")).toBeNull();
  });
});
