import { describe, expect, it } from "vitest";
import { CloseCode } from "../lib/collab/protocol";
import { MalformedMessage } from "../lib/collab/wire";
import { EarlyMessages } from "./early-messages";
import { Refusal, refusalFor } from "./refusal";

describe("messages sent before the document is ready", () => {
  it("keeps them in order within the message limit, then refuses", () => {
    const early = new EarlyMessages(2, 1000);
    expect(early.keep(new Uint8Array([1]))).toBe(true);
    expect(early.keep(new Uint8Array([2]))).toBe(true);
    expect(early.keep(new Uint8Array([3]))).toBe(false);
    expect(early.takeAll()).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
    expect(early.takeAll()).toEqual([]);
  });

  it("refuses the message that passes the byte limit, counting what was sent", () => {
    const early = new EarlyMessages(10, 5);
    expect(early.keep(new Uint8Array(3))).toBe(true);
    expect(early.keep(new Uint8Array(3))).toBe(false);
    expect(early.takeAll()).toHaveLength(1);
  });
});

describe("the refusal a message earns", () => {
  it("keeps a deliberate refusal's code and reason", () => {
    const refusal = new Refusal(CloseCode.forbidden, "forbidden: read-only");
    expect(refusalFor(refusal)).toEqual({ refusal });
  });

  it("names a message type nobody defined, and logs nothing", () => {
    const { refusal, unexpected } = refusalFor(
      new MalformedMessage("unknown message type 77"),
    );
    expect([refusal.code, refusal.reason]).toEqual([
      CloseCode.malformed,
      "malformed: unknown message type 77",
    ]);
    expect(unexpected).toBeUndefined();
  });

  it("says only that bytes could not be decoded, and hands the cause over to be logged", () => {
    const cause = new RangeError("offset out of bounds");
    for (const error of [
      new MalformedMessage("could not decode message", { cause }),
      cause,
    ]) {
      const { refusal, unexpected } = refusalFor(error);
      expect(refusal.reason).toBe("malformed: could not decode message");
      expect(unexpected).toEqual({ error: cause });
    }
  });
});
