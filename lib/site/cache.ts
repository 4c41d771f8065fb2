/**
 * An in-process cache for the public site's reads, kept exact by a cheap version of the
 * published content (lib/db/content-version.ts): it is read at most every `checkEveryMs` (one
 * primary-key lookup shared by all concurrent requests), and any change empties the cache. A
 * publish, unpublish or slug change therefore shows within `checkEveryMs` plus one query, in
 * every process that shares the store. Entries also expire after `maxAgeMs`, which bounds the
 * staleness a writer that forgot to bump the version could cause.
 */
export interface SiteCache {
  /**
   * The value cached under `key`, loading it with `load` on a miss. `ttlMs` bounds the age of
   * values that do not follow the version (e.g. page-view counts). A failed load is not kept.
   */
  get<T>(key: string, load: () => Promise<T>, ttlMs?: number): Promise<T>;
  /** Forgets everything (tests, and after this process changed the store itself). */
  clear(): void;
}

export interface SiteCacheOptions {
  /** Reads the current version of the published content. */
  version: () => Promise<string>;
  /** How stale the version may be, in ms (default 250). */
  checkEveryMs?: number;
  /** Age after which any entry is reloaded (default 60 s). */
  maxAgeMs?: number;
  /** Entries kept at most (oldest dropped first; default 1000). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

/** Creates a SiteCache; see the interface. */
export function createSiteCache(options: SiteCacheOptions): SiteCache {
  const checkEveryMs = options.checkEveryMs ?? 250;
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let known: string | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  const ensureFresh = (): Promise<void> | undefined => {
    if (now() - checkedAt < checkEveryMs) return undefined;
    checking ??= options
      .version()
      .then((version) => {
        if (version !== known) entries.clear();
        known = version;
        checkedAt = now();
      })
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };

  return {
    async get<T>(key: string, load: () => Promise<T>, ttlMs?: number) {
      const pending = ensureFresh();
      if (pending) await pending;
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now()) return hit.value as Promise<T>;
      const value = load();
      entries.set(key, {
        value,
        expiresAt: now() + Math.min(ttlMs ?? maxAgeMs, maxAgeMs),
      });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      return value;
    },
    clear() {
      entries.clear();
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
