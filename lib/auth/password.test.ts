import { describe, expect, it } from "vitest";
import {
  hashPassword,
  needsRehash,
  PASSWORD_COST,
  UNMATCHABLE_HASH,
  verifyPassword,
} from "./password";

describe("passwords", () => {
  it("hashes with scrypt at OWASP's cost and a random salt, never storing the password", async () => {
    const a = await hashPassword("newsroom-demo");
    const b = await hashPassword("newsroom-demo");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toContain("newsroom-demo");
    expect(a).not.toBe(b);
    expect(await verifyPassword("newsroom-demo", a)).toBe(true);
    expect(await verifyPassword("newsroom-demo!", a)).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it("still verifies hashes of an older cost, and says they need rehashing", async () => {
    const old = await hashPassword("newsroom-demo", { N: 16384, r: 8, p: 1 });
    expect(old).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("newsroom-demo", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash("plain-text")).toBe(true);
  });

  it("refuses stored costs no real hash has, without computing them", async () => {
    const salt = Buffer.alloc(16).toString("base64");
    for (const cost of ["4194304$8$1", "1000$8$1", "16384$8$1000", "x$8$1"])
      expect(await verifyPassword("a", `scrypt$${cost}$${salt}$${salt}`)).toBe(
        false,
      );
  });

  it("has an unmatchable hash for unknown accounts that costs what a real one does", async () => {
    expect(UNMATCHABLE_HASH.startsWith(`scrypt$${PASSWORD_COST.N}$8$1$`)).toBe(
      true,
    );
    expect(needsRehash(UNMATCHABLE_HASH)).toBe(false);
    expect(await verifyPassword("", UNMATCHABLE_HASH)).toBe(false);
  });
});
