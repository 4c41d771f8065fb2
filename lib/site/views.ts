import { createHmac } from "node:crypto";
import { clientAddress } from "../client-address";
import type { Store } from "../db/client";
import { addReaderViews, hourBucket, type ReaderView } from "../db/page-views";
import { createLogger, describeError } from "../log";

const log = createLogger("site-views");

/**
 * Page views for "Most popular", counted by the site's server (no client script, no third
 * party), at most once per reader and story per hour (lib/db/page-views addReaderViews). Views
 * are gathered in memory and written in small batches, one row per story and UTC hour, so a
 * busy article page costs a Map entry, not a write per request. A crash loses at most one batch
 * interval of views: acceptable for a popularity list.
 */

/**
 * A reader, as far as the server can tell without a cookie: their address (lib/client-address,
 * so a forged X-Forwarded-For makes no new reader) and User-Agent, keyed with `secret` so the
 * store holds nothing that gives the address back.
 */
export function readerKey(headers: Headers, secret: string): string {
  return createHmac("sha256", secret)
    .update(
      `view-reader\n${clientAddress(headers)}\n${headers.get("user-agent") ?? ""}`,
    )
    .digest("base64url")
    .slice(0, 22);
}

/** Views gathered between two writes, at most: past it a view is not counted (a flood). */
const MAX_PENDING = 10_000;
/** How often the ended dedupe windows are swept. */
const SWEEP_EVERY_MS = 5 * 60_000;

// Crawlers, link unfurlers, monitors, headless automation and command-line clients.
const botPattern =
  /bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|whatsapp|telegram|discord|slack|skype|headlesschrome|phantomjs|lighthouse|pagespeed|pingdom|uptime|monitor|curl\/|wget|python-|httpclient|go-http-client|node-fetch|undici|axios|okhttp|java\/|libwww|scrapy|feedfetcher|rss|autocannon/i;

/** Whether a request's User-Agent is a robot's (an empty or missing one counts as a robot). */
export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  const ua = userAgent?.trim();
  if (!ua) return true;
  return botPattern.test(ua);
}

/**
 * Whether a request is a prefetch (browser or Next.js router) rather than a person opening the
 * page: prefetches are not views.
 */
export function isPrefetch(headers: Headers): boolean {
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""}`;
  return (
    /prefetch|prerender/i.test(purpose) ||
    headers.get("next-router-prefetch") !== null ||
    headers.get("x-moz")?.toLowerCase() === "prefetch"
  );
}

/** The first hour bucket of the `hours`-hour window ending at `now`. */
export function windowStart(now: Date, hours: number): string {
  return hourBucket(new Date(now.getTime() - hours * 3_600_000));
}

/** Gathers views in memory and writes them in batches; see `createViewCounter`. */
export interface ViewCounter {
  /** Counts one view of `storyId` by `reader` (readerKey), unless they viewed it this hour. */
  record(storyId: string, reader: string): void;
  /** Writes what was gathered so far; resolves when it is stored. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

/**
 * A view counter writing to `store` every `intervalMs` (its timer never keeps the process
 * alive). A failed write is logged and its views dropped: counts must never take a page down.
 */
export function createViewCounter(
  store: () => Promise<Store>,
  intervalMs = 2000,
  now: () => number = Date.now,
): ViewCounter {
  let pending = new Map<string, ReaderView>();
  let writing: Promise<void> = Promise.resolve();
  let sweptAt = Number.NEGATIVE_INFINITY;
  const flush = (): Promise<void> => {
    if (pending.size === 0) return writing;
    const batch = pending;
    pending = new Map();
    writing = writing
      .then(async () => {
        const at = now();
        const sweep = at - sweptAt >= SWEEP_EVERY_MS;
        if (sweep) sweptAt = at;
        await addReaderViews(
          await store(),
          batch.values(),
          new Date(at),
          sweep,
        );
      })
      .catch((error: unknown) =>
        log.warn("page views not stored", { error: describeError(error) }),
      );
    return writing;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    record(storyId, reader) {
      // The same reader twice in one batch is one view; the store decides across batches.
      if (pending.size >= MAX_PENDING) return;
      pending.set(`${storyId}:${reader}`, { storyId, reader });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
