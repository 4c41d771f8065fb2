import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const origin = "https://newsroom.example";

describe("safeRedirectPath", () => {
  it.each([
    ["/newsroom/stories/42", "/newsroom/stories/42"],
    ["/newsroom?status=draft#top", "/newsroom?status=draft#top"],
    ["/newsroom?next=%2F%2Fin-a-query", "/newsroom?next=%2F%2Fin-a-query"],
    ["/", "/"],
    [`${origin}/newsroom/stories/7`, "/newsroom/stories/7"],
    [origin, "/"],
    ["/news/a%20headline", "/news/a%20headline"],
  ])("keeps %j", (input, expected) => {
    expect(safeRedirectPath(input, origin)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\/evil.com",
    "\\\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r\n/evil.com",
    "\t//evil.com",
    " //evil.com",
    "/%2F/evil.com",
    "%2F%2Fevil.com",
    "/%5Cevil.com",
    "/%5cevil.com",
    "/%09/evil.com",
    "/%252F/evil.com",
    "/%25252F%25252Fevil.com",
    "/..//evil.com",
    "/.%2e//evil.com",
    "/%2e%2e//evil.com",
    "https://evil.com",
    "https://evil.com/newsroom",
    "http://newsroom.example/newsroom",
    "https://newsroom.example.evil.com/newsroom",
    "https://newsroom.example@evil.com/",
    `${origin}//evil.com`,
    `${origin}\\evil.com`,
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.com",
    "newsroom",
    "",
    "/%",
    "/%E0%A4%A",
    "/" + "a".repeat(3000),
  ])("refuses %j", (input) => {
    expect(safeRedirectPath(input, origin)).toBe("/newsroom");
  });

  it("refuses what is not a string, and uses the fallback given", () => {
    for (const value of [undefined, null, 42, ["/newsroom/x"], { url: "/" }])
      expect(safeRedirectPath(value, origin)).toBe("/newsroom");
    expect(safeRedirectPath("//evil.com", origin, "/")).toBe("/");
  });
});
