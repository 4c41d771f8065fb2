import type { Kysely } from "kysely";
import { addPageViews, hourBucket } from "../db/page-views";
import type { Database } from "../db/schema";
import { createLogger, describeError } from "../log";

const log = createLogger("site-views");

/**
 * Page views for "Most popular", counted by the site's server (no client script, no third
 * party). Views are summed in memory and written in small batches, one row per story and
 * UTC hour, so a busy article page costs a Map increment, not a write per request. A crash
 * loses at most one batch interval of views: acceptable for a popularity list.
 */

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

/** Counts views in memory and writes them in batches; see `createViewCounter`. */
export interface ViewCounter {
  /** Counts one view of `storyId`. */
  record(storyId: string): void;
  /** Writes what was counted so far; resolves when it is stored. */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

/**
 * A view counter writing to `db` every `intervalMs` (its timer never keeps the process
 * alive). A failed write is logged and its views dropped: counts must never take a page down.
 */
export function createViewCounter(
  db: () => Promise<Kysely<Database>>,
  intervalMs = 2000,
): ViewCounter {
  let pending = new Map<string, number>();
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (pending.size === 0) return writing;
    const batch = pending;
    pending = new Map();
    writing = writing
      .then(async () => addPageViews(await db(), batch, new Date()))
      .catch((error: unknown) =>
        log.warn("page views not stored", { error: describeError(error) }),
      );
    return writing;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    record(storyId) {
      pending.set(storyId, (pending.get(storyId) ?? 0) + 1);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
