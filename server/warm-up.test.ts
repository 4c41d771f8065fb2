import { describe, expect, it } from "vitest";
import { retainedForOptimisedCode, warmUpDocumentCode } from "./warm-up";

describe("warmUpDocumentCode", () => {
  it("checks a token, round-trips a throwaway story and keeps one of each object alive", async () => {
    expect(retainedForOptimisedCode()).toHaveLength(0);
    // Throws if the story does not fit the body schema or does not round-trip.
    const ms = await warmUpDocumentCode(1);
    expect(ms).toBeGreaterThan(0);
    expect(retainedForOptimisedCode()).toHaveLength(4);
  });
});
