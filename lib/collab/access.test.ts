import { describe, expect, it } from "vitest";
import { socketAccess } from "./access";

const reporter = { id: "r", role: "reporter" as const };
const editor = { id: "e", role: "editor" as const };

describe("socket access after a change", () => {
  it("lets an author's socket only suggest while the desk reviews, and edit again after", () => {
    expect(
      socketAccess(reporter, { status: "draft", authorIds: ["r"] }, true),
    ).toEqual({ kind: "read-write" });
    expect(
      socketAccess(reporter, { status: "submitted", authorIds: ["r"] }, true),
    ).toEqual({
      kind: "suggest-only",
      reason: "suggest-only: the desk is reviewing the story",
    });
    expect(
      socketAccess(reporter, { status: "approved", authorIds: ["r"] }, true)
        .kind,
    ).toBe("suggest-only");
    expect(
      socketAccess(editor, { status: "submitted", authorIds: ["r"] }, false),
    ).toEqual({ kind: "read-write" });
  });

  it("disconnects a removed co-author, a deleted account or story", () => {
    expect(
      socketAccess(reporter, { status: "draft", authorIds: ["x"] }, true),
    ).toEqual({
      kind: "close",
      reason: "forbidden: removed from the story's authors",
    });
    expect(
      socketAccess(undefined, { status: "draft", authorIds: [] }, false).kind,
    ).toBe("close");
    expect(socketAccess(reporter, undefined, true).kind).toBe("close");
  });

  it("disconnects a deactivated account, whatever its role", () => {
    const gone = { ...editor, deactivated_at: "2026-01-01T00:00:00.000Z" };
    expect(
      socketAccess(gone, { status: "draft", authorIds: ["e"] }, true),
    ).toEqual({ kind: "close", reason: "unauthorized: account deactivated" });
    expect(
      socketAccess(
        { ...editor, deactivated_at: null },
        { status: "draft", authorIds: [] },
        false,
      ),
    ).toEqual({ kind: "read-write" });
  });

  it("leaves readers who never wrote read-only", () => {
    expect(
      socketAccess(reporter, { status: "draft", authorIds: ["x"] }, false),
    ).toEqual({
      kind: "read-only",
      reason: "read-only: not an author of this story",
    });
  });
});
