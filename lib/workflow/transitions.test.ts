import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { roles } from "../permissions";
import { storyStatuses } from "./states";
import { assertTransition, availableTransitions } from "./transitions";

function outcome(fn: () => void): string {
  try {
    fn();
    return "allowed";
  } catch (error) {
    return error instanceof AppError ? error.code : "unexpected";
  }
}

describe("publishing before the review workflow", () => {
  for (const from of storyStatuses) {
    it(`lets the desk, not reporters, publish from ${from}`, () => {
      expect(outcome(() => assertTransition("editor", from, "published"))).toBe(
        "allowed",
      );
      expect(outcome(() => assertTransition("admin", from, "published"))).toBe(
        "allowed",
      );
      expect(
        outcome(() => assertTransition("reporter", from, "published")),
      ).toBe("forbidden");
    });
  }

  it("lets the desk, not reporters, take a published story off the site", () => {
    expect(
      outcome(() => assertTransition("editor", "published", "unpublished")),
    ).toBe("allowed");
    expect(
      outcome(() => assertTransition("admin", "published", "unpublished")),
    ).toBe("allowed");
    expect(
      outcome(() => assertTransition("reporter", "published", "unpublished")),
    ).toBe("forbidden");
    for (const from of storyStatuses.filter((s) => s !== "published"))
      expect(
        outcome(() => assertTransition("editor", from, "unpublished")),
      ).toBe("conflict");
  });

  it("refuses every other move with a conflict", () => {
    for (const role of roles) {
      for (const from of storyStatuses) {
        for (const to of storyStatuses.filter(
          (s) => s !== "published" && s !== "unpublished",
        )) {
          expect(outcome(() => assertTransition(role, from, to))).toBe(
            "conflict",
          );
        }
      }
    }
  });

  it("lists what a role may do", () => {
    expect(availableTransitions("editor", "draft")).toEqual(["published"]);
    expect(availableTransitions("editor", "published")).toEqual([
      "published",
      "unpublished",
    ]);
    expect(availableTransitions("reporter", "draft")).toEqual([]);
  });
});
