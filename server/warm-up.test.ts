import { describe, expect, it } from "vitest";
import { warmUpDocumentCode } from "./warm-up";

describe("warmUpDocumentCode", () => {
  it("opens a throwaway story (valid for the schema) and round-trips it", async () => {
    // Throws if the story does not fit the body schema or does not round-trip.
    const ms = await warmUpDocumentCode(1);
    expect(ms).toBeGreaterThan(0);
  });
});
