import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../db/client";
import { storeVariants, type TestStore } from "../db/testing";
import { findUserById, insertUser, type UserRow } from "../db/users";
import { countAttemptAgainst } from "../rate-limit";
import { SIGN_IN_LIMITS } from "./limits";
import { hashPassword, PASSWORD_COST, UNMATCHABLE_HASH } from "./password";
import { signInWithPassword } from "./sign-in";

const OFFICE = "203.0.113.10";
const HOME = "198.51.100.20";

// Accounts get a cheap hash so that dozens of failures take milliseconds; the tests that are
// about the hash's cost make their own.
const CHEAP = { N: 1024, r: 8, p: 1 };
let cheapHash: string;
beforeAll(async () => {
  cheapHash = await hashPassword("right password", CHEAP);
});

async function account(store: Store, passwordHash = cheapHash) {
  const name = `user-${randomBytes(4).toString("hex")}`;
  return insertUser(store.db, {
    email: `${name}@example.com`,
    name,
    role: "reporter",
    passwordHash,
  });
}

async function attempt(
  store: Store,
  email: string,
  password: string,
  address = OFFICE,
): Promise<string> {
  return (await signInWithPassword(store, email, password, address)).kind;
}

async function fail(
  store: Store,
  email: string,
  times: number,
  address = OFFICE,
) {
  for (let i = 0; i < times; i++)
    expect(await attempt(store, email, "wrong", address)).toBe("refused");
}

/** Counts `times` attempts against a limit directly (what that many failures would count). */
async function countAgainst(
  store: Store,
  limit: (typeof SIGN_IN_LIMITS)[keyof typeof SIGN_IN_LIMITS],
  subject: string,
  times: number,
) {
  for (let i = 0; i < times; i++)
    await countAttemptAgainst(store, limit, subject);
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

for (const variant of storeVariants()) {
  // Successful sign-ins rehash at the full cost: seconds each on a busy machine.
  describe(`sign-in (${variant.name})`, { timeout: 90_000 }, () => {
    let ts: TestStore;
    beforeEach(async () => {
      ts = await variant.create();
    });
    afterEach(async () => ts.cleanup());

    it("stops an account after 10 failures in 15 minutes, even with the right password", async () => {
      const mina = await account(ts.store);
      await fail(ts.store, mina.email, 10);
      expect(await attempt(ts.store, mina.email, "right password")).toBe(
        "rate-limited",
      );
      expect(await attempt(ts.store, mina.email, "right password", HOME)).toBe(
        "rate-limited",
      );
      // Another account from the same office is not affected.
      const daniel = await account(ts.store);
      expect(await attempt(ts.store, daniel.email, "right password")).toBe(
        "signed-in",
      );
    });

    it("treats an unknown e-mail exactly as a known one, so neither the answer nor the limit tells", async () => {
      const mina = await account(ts.store);
      const nobody = `nobody-${randomBytes(4).toString("hex")}@example.com`;
      await countAgainst(ts.store, SIGN_IN_LIMITS.account, mina.email, 8);
      await countAgainst(ts.store, SIGN_IN_LIMITS.account, nobody, 8);
      for (const expected of ["refused", "refused", "rate-limited"])
        expect([
          await attempt(ts.store, mina.email, "wrong"),
          await attempt(ts.store, nobody, "wrong"),
        ]).toEqual([expected, expected]);
    });

    it("spends the same time on an unknown e-mail as on a known one (a real password check)", async () => {
      // A real account whose hash has the current cost (no password matches it).
      const grace = await account(ts.store, UNMATCHABLE_HASH);
      const nobody = `nobody-${randomBytes(4).toString("hex")}@example.com`;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 2; i++) {
        known.push(
          await elapsed(() => attempt(ts.store, grace.email, "wrong")),
        );
        unknown.push(await elapsed(() => attempt(ts.store, nobody, "wrong")));
      }
      const ratio = Math.min(...unknown) / Math.min(...known);
      expect(ratio, `known ${known}, unknown ${unknown} ms`).toBeGreaterThan(
        0.5,
      );
      expect(ratio, `known ${known}, unknown ${unknown} ms`).toBeLessThan(2);
    });

    it("stops an address after 50 failures in 15 minutes, whichever accounts they tried", async () => {
      const accounts: UserRow[] = [];
      for (let i = 0; i < 5; i++) accounts.push(await account(ts.store));
      for (const a of accounts) await fail(ts.store, a.email, 10);
      const fresh = await account(ts.store);
      expect(await attempt(ts.store, fresh.email, "wrong")).toBe(
        "rate-limited",
      );
      // The same account from elsewhere is only refused for its password.
      expect(await attempt(ts.store, fresh.email, "wrong", HOME)).toBe(
        "refused",
      );
    });

    it("a success clears its own account's failures only, and never the address's", async () => {
      const mina = await account(ts.store);
      const daniel = await account(ts.store);
      await fail(ts.store, mina.email, 9);
      await fail(ts.store, daniel.email, 9);
      const counters = () =>
        ts.store.db.selectFrom("attempt_counters").select("key").execute();
      expect(await counters()).toHaveLength(3);
      expect(await attempt(ts.store, daniel.email, "right password")).toBe(
        "signed-in",
      );
      expect(await counters()).toHaveLength(2);
      // Mina's 9 failures still count: one more, and she is stopped.
      await fail(ts.store, mina.email, 1);
      expect(await attempt(ts.store, mina.email, "right password")).toBe(
        "rate-limited",
      );
      // The office has 20 failed or stopped attempts (Daniel's success took back only its own);
      // 30 more reach the address limit.
      await countAgainst(ts.store, SIGN_IN_LIMITS.address, OFFICE, 30);
      const fresh = await account(ts.store);
      expect(await attempt(ts.store, fresh.email, "right password")).toBe(
        "rate-limited",
      );
    });

    it("keeps the count in the store: a restarted process still stops the account", async () => {
      const mina = await account(ts.store);
      await fail(ts.store, mina.email, 10);
      const restarted = await ts.reopen();
      expect(await attempt(restarted, mina.email, "right password")).toBe(
        "rate-limited",
      );
    });

    it("replaces a hash of an older cost at the next successful sign-in, and only then", async () => {
      const old = await hashPassword("right password", {
        N: 16384,
        r: 8,
        p: 1,
      });
      const mina = await account(ts.store, old);
      await fail(ts.store, mina.email, 1);
      expect((await findUserById(ts.store.db, mina.id))?.password_hash).toBe(
        old,
      );
      expect(await attempt(ts.store, mina.email, "right password")).toBe(
        "signed-in",
      );
      const upgraded = (await findUserById(ts.store.db, mina.id))!
        .password_hash;
      expect(upgraded).toMatch(
        new RegExp(`^scrypt\\$${PASSWORD_COST.N}\\$8\\$1\\$`),
      );
      expect(await attempt(ts.store, mina.email, "right password")).toBe(
        "signed-in",
      );
    });
  });
}
