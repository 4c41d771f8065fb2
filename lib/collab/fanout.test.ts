import { describe, expect, it } from "vitest";
import {
  decodeFanoutMessage,
  encodeFanoutMessage,
  FanoutKind,
  storyChannel,
  storyIdFromChannel,
  type FanoutMessage,
} from "./fanout";

const base = { sender: "server-1", target: "", sentAt: 1_700_000_000_123.5 };

describe("fan-out envelopes", () => {
  it("round-trips every kind", () => {
    const messages: FanoutMessage[] = [
      {
        ...base,
        body: { kind: FanoutKind.update, update: new Uint8Array([1, 2, 3]) },
      },
      {
        ...base,
        body: { kind: FanoutKind.awareness, update: new Uint8Array([4]) },
      },
      {
        ...base,
        target: "server-2",
        body: {
          kind: FanoutKind.state,
          stateVector: new Uint8Array([0]),
          digest: new Uint8Array(20).fill(7),
          wantsReply: true,
        },
      },
      {
        ...base,
        body: { kind: FanoutKind.diff, update: new Uint8Array([9, 9]) },
      },
      {
        ...base,
        sender: "app",
        body: {
          kind: FanoutKind.control,
          control: { type: "access-changed", userId: "u1" },
        },
      },
    ];
    for (const message of messages)
      expect(decodeFanoutMessage(encodeFanoutMessage(message))).toEqual(
        message,
      );
  });

  it("ignores other versions, unknown kinds and garbage instead of throwing", () => {
    const good = encodeFanoutMessage({
      ...base,
      body: { kind: FanoutKind.update, update: new Uint8Array([1]) },
    });
    expect(
      decodeFanoutMessage(new Uint8Array([2, ...good.slice(1)])),
    ).toBeNull();
    expect(decodeFanoutMessage(new Uint8Array([1, 77, 0, 0]))).toBeNull();
    expect(decodeFanoutMessage(good.slice(0, 5))).toBeNull();
    expect(decodeFanoutMessage(new Uint8Array([]))).toBeNull();
  });

  it("names one channel per story", () => {
    const channel = storyChannel("abc-123", "p:");
    expect(channel).toBe("p:story:abc-123");
    expect(storyIdFromChannel(channel, "p:")).toBe("abc-123");
    expect(storyIdFromChannel("other:story:abc", "p:")).toBeNull();
  });
});
