import type { Store } from "../lib/db/client";
import { reportPresence } from "../lib/db/presence";
import { createLogger, describeError } from "../lib/log";
import type { DocumentRegistry } from "./registry";

const log = createLogger("presence");

/** Presence rows are refreshed at least this often, so readers can expire a dead server's rows. */
const REFRESH_MS = 20_000;

export interface PresenceReports {
  /** Reports that this server has nobody any more (on shutdown). */
  stop(): Promise<void>;
}

/**
 * Tells the store who has which story open on this server, for the story list: checked every
 * `intervalMs`, written when it changed and at least every 20 s.
 */
export function startPresenceReports(
  registry: DocumentRegistry,
  store: Store,
  serverId: string,
  intervalMs: number,
): PresenceReports {
  let last = "";
  let lastAt = 0;
  let running: Promise<void> | null = null;

  const tick = () => {
    if (running) return;
    const pairs = new Map<string, { storyId: string; userId: string }>();
    for (const room of registry.all()) {
      for (const connection of room.connections) {
        pairs.set(`${room.storyId} ${connection.grant.userId}`, {
          storyId: room.storyId,
          userId: connection.grant.userId,
        });
      }
    }
    const key = [...pairs.keys()].sort().join(",");
    if (key === last && Date.now() - lastAt < REFRESH_MS) return;
    running = reportPresence(store, serverId, [...pairs.values()])
      .then(() => {
        last = key;
        lastAt = Date.now();
      })
      .catch((error: unknown) =>
        log.warn("reporting presence failed", { error: describeError(error) }),
      )
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await reportPresence(store, serverId, []).catch(() => undefined);
    },
  };
}
