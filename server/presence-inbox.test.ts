import { afterEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "../lib/collab/protocol";
import { PresenceInbox } from "./presence-inbox";
import { Refusal } from "./refusal";

/** An inbox whose room admits presence in `waitMs`, recording what it admitted and answered. */
function inbox(waitMs: number) {
  const seen: string[] = [];
  const opensAt = Date.now() + waitMs;
  const box = new PresenceInbox(
    (update) => {
      seen.push(`presence ${update[0]}`);
      return true;
    },
    () => seen.push("answer"),
    () => Math.max(0, opensAt - Date.now()),
  );
  return { box, seen };
}

describe("a socket's presence inbox", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("holds presence in a story just opened until the room admits it, in the order it came", () => {
    vi.useFakeTimers();
    const { box, seen } = inbox(250);
    box.push(new Uint8Array([1]));
    box.query();
    vi.advanceTimersByTime(100);
    box.push(new Uint8Array([2]));
    vi.advanceTimersByTime(149);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["presence 1", "answer", "presence 2"]);
  });

  it("admits at the end of the event loop's pass once the room is open", () => {
    vi.useFakeTimers();
    const { box, seen } = inbox(0);
    box.push(new Uint8Array([1]));
    expect(seen).toEqual([]);
    vi.runAllTicks();
    vi.advanceTimersToNextTimer();
    expect(seen).toEqual(["presence 1"]);
  });

  it("refuses a socket that sends presence faster than it could be held", () => {
    const { box } = inbox(250);
    for (let i = 0; i < 256; i++) box.push(new Uint8Array([i % 256]));
    expect(() => box.push(new Uint8Array([0]))).toThrow(
      expect.objectContaining({ code: CloseCode.flooding }) as Refusal,
    );
    const bytes = inbox(250).box;
    bytes.push(new Uint8Array(3 * 1024 * 1024));
    expect(() => bytes.push(new Uint8Array(2 * 1024 * 1024))).toThrow(Refusal);
  });
});
