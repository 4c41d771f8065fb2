import { describe, expect, it } from "vitest";
import { createSiteCache } from "./cache";

function fakeClock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("the site cache", () => {
  it("serves from memory until the content version changes", async () => {
    const clock = fakeClock();
    let version = "1";
    let versionReads = 0;
    let loads = 0;
    const cache = createSiteCache({
      version: async () => {
        versionReads++;
        return version;
      },
      checkEveryMs: 250,
      now: clock.now,
    });
    const load = async () => ++loads;

    expect(await cache.get("a", load)).toBe(1);
    expect(await cache.get("a", load)).toBe(1);
    expect(versionReads).toBe(1);

    version = "2";
    clock.advance(100);
    // Within the check interval the version is not read again.
    expect(await cache.get("a", load)).toBe(1);
    clock.advance(200);
    expect(await cache.get("a", load)).toBe(2);
    expect(versionReads).toBe(2);
  });

  it("shares one version read and one load between concurrent requests", async () => {
    let versionReads = 0;
    let loads = 0;
    const cache = createSiteCache({
      version: async () => {
        versionReads++;
        return "v";
      },
    });
    const values = await Promise.all(
      Array.from({ length: 20 }, () =>
        cache.get("k", async () => {
          loads++;
          return "value";
        }),
      ),
    );
    expect(new Set(values)).toEqual(new Set(["value"]));
    expect(versionReads).toBe(1);
    expect(loads).toBe(1);
  });

  it("expires entries after their ttl and the max age, and forgets failures", async () => {
    const clock = fakeClock();
    let loads = 0;
    const cache = createSiteCache({
      version: async () => "v",
      checkEveryMs: 1_000_000,
      maxAgeMs: 10_000,
      now: clock.now,
    });
    const load = async () => ++loads;
    expect(await cache.get("ttl", load, 1_000)).toBe(1);
    clock.advance(1_001);
    expect(await cache.get("ttl", load, 1_000)).toBe(2);
    expect(await cache.get("old", load)).toBe(3);
    clock.advance(10_001);
    expect(await cache.get("old", load)).toBe(4);

    await expect(
      cache.get("bad", async () => {
        throw new Error("store down");
      }),
    ).rejects.toThrow("store down");
    expect(await cache.get("bad", async () => "recovered")).toBe("recovered");
  });

  it("keeps at most maxEntries entries", async () => {
    let loads = 0;
    const cache = createSiteCache({ version: async () => "v", maxEntries: 2 });
    const load = async () => ++loads;
    await cache.get("a", load);
    await cache.get("b", load);
    await cache.get("c", load);
    expect(await cache.get("a", load)).toBe(4);
  });
});
