import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeVariants, type TestStore } from "./db/testing";
import { AppError } from "./errors";
import {
  countAttemptAgainst,
  enforceLimit,
  forgetAttempts,
  takeBackAttempt,
  type AttemptLimit,
} from "./rate-limit";

const limit: AttemptLimit = { name: "test", limit: 3, windowMs: 60_000 };
const t0 = Date.parse("2030-01-01T00:00:00Z");

for (const variant of storeVariants()) {
  describe(`attempt limits (${variant.name})`, () => {
    let ts: TestStore;
    beforeEach(async () => {
      ts = await variant.create();
    });
    afterEach(async () => ts.cleanup());

    const allowed = async (subject: string, now: number, store = ts.store) =>
      (await countAttemptAgainst(store, limit, subject, now)).allowed;

    it("allows `limit` attempts per window and subject, then says when to come back", async () => {
      expect(await allowed("a", t0)).toBe(true);
      expect(await allowed("a", t0 + 1_000)).toBe(true);
      expect(await allowed("a", t0 + 2_000)).toBe(true);
      expect(
        await countAttemptAgainst(ts.store, limit, "a", t0 + 20_000),
      ).toEqual({ allowed: false, retryAfterSeconds: 40 });
      // Other subjects and other limits count apart.
      expect(await allowed("b", t0 + 20_000)).toBe(true);
      expect(
        (
          await countAttemptAgainst(
            ts.store,
            { ...limit, name: "other" },
            "a",
            t0,
          )
        ).allowed,
      ).toBe(true);
      // The window ends: a new one starts.
      expect(await allowed("a", t0 + 60_000)).toBe(true);
    });

    it("counts in the store: another handle (a restarted or second process) sees the same count", async () => {
      for (let i = 0; i < 3; i++) await allowed("a", t0 + i);
      const other = await ts.reopen();
      expect(await allowed("a", t0 + 10, other)).toBe(false);
    });

    it("counts attempts made at the same time, each once", async () => {
      const verdicts = await Promise.all(
        Array.from({ length: 12 }, () =>
          countAttemptAgainst(ts.store, limit, "a", t0),
        ),
      );
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    });

    it("takes back one attempt, or forgets them all, for one subject only", async () => {
      for (let i = 0; i < 3; i++) {
        await allowed("a", t0);
        await allowed("b", t0);
      }
      await takeBackAttempt(ts.store, limit, "a", t0);
      expect(await allowed("a", t0)).toBe(true);
      expect(await allowed("a", t0)).toBe(false);
      await forgetAttempts(ts.store, limit, "a");
      expect(await allowed("a", t0)).toBe(true);
      expect(await allowed("b", t0)).toBe(false);
    });

    it("throws a 429 that carries Retry-After seconds from enforceLimit", async () => {
      for (let i = 0; i < 3; i++)
        await enforceLimit(ts.store, limit, "a", () => "Slow down.", t0);
      const error = await enforceLimit(
        ts.store,
        limit,
        "a",
        (seconds) => `Slow down for ${seconds} s.`,
        t0 + 30_500,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        status: 429,
        code: "rate_limited",
        message: "Slow down for 30 s.",
        retryAfterSeconds: 30,
      });
    });

    it("keeps no copy of the subject and sweeps ended windows", async () => {
      await allowed("someone@example.com", t0);
      const rows = await ts.store.db
        .selectFrom("attempt_counters")
        .selectAll()
        .execute();
      expect(JSON.stringify(rows)).not.toContain("someone");
      await allowed("later", t0 + 10 * 60_000);
      const keys = await ts.store.db
        .selectFrom("attempt_counters")
        .select("key")
        .execute();
      expect(keys).toHaveLength(1);
    });
  });
}
