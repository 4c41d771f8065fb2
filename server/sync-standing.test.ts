import { describe, expect, it } from "vitest";
import { SyncStanding } from "./sync-standing";

describe("SyncStanding", () => {
  it("asks once per unanswered step 1 and acknowledges again only once a step 2 is applied", () => {
    const standing = new SyncStanding();
    expect(standing.acknowledging).toBe(true);
    standing.asked(); // the greeting's step 1
    standing.answered();
    standing.resolved();
    expect(standing.unresolvable()).toBe("ask");
    standing.asked();
    expect(standing.acknowledging).toBe(false);
    expect(standing.unresolvable()).toBe("wait");
    standing.answered();
    expect(standing.acknowledging).toBe(false);
    standing.resolved();
    expect(standing.acknowledging).toBe(true);
  });

  it("closes a socket that keeps sending updates it cannot resolve without answering", () => {
    const standing = new SyncStanding();
    standing.asked();
    const answers = Array.from({ length: 1025 }, () => standing.unresolvable());
    expect(answers.slice(0, 1024).every((a) => a === "wait")).toBe(true);
    expect(answers[1024]).toBe("close");
  });
});
