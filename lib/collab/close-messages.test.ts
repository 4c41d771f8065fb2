import { describe, expect, it } from "vitest";
import { closeMessage } from "./close-messages";
import { CloseCode } from "./protocol";

describe("closeMessage", () => {
  it("explains a refused off-schema change and a story past its size limit", () => {
    expect(
      closeMessage(CloseCode.offSchema, "off schema: body: bare text"),
    ).toMatch(/does not fit the story's format.*not saved/);
    expect(
      closeMessage(CloseCode.storyTooLarge, "story too large: at most 8 bytes"),
    ).toMatch(/size limit.*not saved/);
  });

  it("explains a deactivated account's closed socket", () => {
    expect(
      closeMessage(CloseCode.forbidden, "unauthorized: account deactivated"),
    ).toMatch(/^This account has been deactivated/);
  });

  it("shows other reasons as the server gave them", () => {
    expect(closeMessage(CloseCode.forbidden, "forbidden: no access")).toBe(
      "forbidden: no access",
    );
    expect(closeMessage(CloseCode.notFound, "")).toBe(
      "The server closed the connection.",
    );
  });
});
