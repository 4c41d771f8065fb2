import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with scrypt and a random salt, never storing the password", async () => {
    const a = await hashPassword("newsroom-demo");
    const b = await hashPassword("newsroom-demo");
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain("newsroom-demo");
    expect(a).not.toBe(b);
    expect(await verifyPassword("newsroom-demo", a)).toBe(true);
    expect(await verifyPassword("newsroom-demo!", a)).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});
