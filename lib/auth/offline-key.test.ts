import { describe, expect, test } from "vitest";
import { offlineCopyKey, OFFLINE_KEY_BYTES } from "./offline-key";

const secret = "s".repeat(40);
const mina = "7b0c9a57-6f0e-4a4e-9d8e-2f1f4f3b1a01";
const daniel = "0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6";

describe("offlineCopyKey", () => {
  test("is 256 bits, stable for one user, and differs per user and per secret", () => {
    const key = offlineCopyKey(secret, mina);
    expect(key).toHaveLength(OFFLINE_KEY_BYTES);
    expect(offlineCopyKey(secret, mina)).toEqual(key);
    expect(offlineCopyKey(secret, daniel)).not.toEqual(key);
    expect(offlineCopyKey("t".repeat(40), mina)).not.toEqual(key);
  });

  test("is not the secret nor anything another purpose derives from it", () => {
    const key = Buffer.from(offlineCopyKey(secret, mina));
    expect(key.toString("utf8")).not.toContain(secret.slice(0, 8));
    expect(key).not.toEqual(Buffer.from(offlineCopyKey(secret, "")));
  });
});
