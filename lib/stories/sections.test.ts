import { describe, expect, it } from "vitest";
import { sectionSlug } from "../site/articles";
import { sections } from "./sections";

describe("sections", () => {
  it("come from configuration, with a default list", () => {
    expect(sections({ NEWSROOM_SECTIONS: undefined })).toContain("North Korea");
    expect(sections({ NEWSROOM_SECTIONS: ["Local", "Sports"] })).toEqual([
      "Local",
      "Sports",
    ]);
  });

  it("have the address the public site serves them at", () => {
    expect(sectionSlug("North Korea")).toBe("north-korea");
    expect(sectionSlug("Life & Style")).toBe("life-style");
    expect(sectionSlug("한국")).toBe("news");
  });
});
