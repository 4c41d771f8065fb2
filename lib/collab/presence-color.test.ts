import { describe, expect, it } from "vitest";
import { colorForUser } from "./identity";
import { FALLBACK_PRESENCE_COLOR, presenceColor } from "./presence-color";

describe("presenceColor", () => {
  it("keeps #rrggbb colours, ours included", () => {
    expect(presenceColor("#0F766e")).toBe("#0F766e");
    expect(presenceColor(colorForUser("someone"))).toBe(
      colorForUser("someone"),
    );
  });

  it.each([
    "red",
    "#fff",
    "#12345678",
    "#123456; background:url(https://evil.example/x)",
    "url(https://evil.example/x)",
    "expression(alert(1))",
    " #123456",
    "",
    null,
    undefined,
    123456,
    ["#123456"],
    { toString: () => "#123456" },
  ])("replaces %j with the fallback", (value) => {
    expect(presenceColor(value)).toBe(FALLBACK_PRESENCE_COLOR);
  });
});
