import type { Store } from "../lib/db/client";
import { reportPresence } from "../lib/db/presence";
import { createLogger, describeError } from "../lib/log";
import type { DocumentRegistry } from "./registry";

const log = createLogger("presence");

/** Presence rows are refreshed at least this often, so readers can expire a dead server's rows. */
const REFRESH_MS = 20_000;

export interface PresenceReports {
  /** Someone joined or left a story here: reported after `delayMs`, with what else changed. */
  changed(): void;
  /** Reports that this server has nobody any more (on shutdown). */
  stop(): Promise<void>;
}

/**
 * Tells the store who has which story open on this server, for the story list: written
 * `delayMs` after someone joins or leaves (so that a page's reconnect, or a crowd arriving,
 * is one write), and at least every 20 s. Once written, `announce` gets the stories whose
 * people changed, so the story lists re-read them.
 */
export function startPresenceReports(
  registry: DocumentRegistry,
  store: Store,
  serverId: string,
  delayMs: number,
  announce: (storyIds: string[]) => void,
): PresenceReports {
  /** Story → the user ids last written, as a sorted, joined key. */
  let written = new Map<string, string>();
  let running: Promise<void> | null = null;
  let due: NodeJS.Timeout | null = null;
  let stopped = false;

  const current = () => {
    const people = new Map<string, Set<string>>();
    for (const room of registry.all()) {
      for (const connection of room.connections) {
        const users = people.get(room.storyId) ?? new Set<string>();
        users.add(connection.grant.userId);
        people.set(room.storyId, users);
      }
    }
    return new Map(
      [...people].map(([storyId, users]) => [storyId, [...users].sort()]),
    );
  };

  const report = () => {
    due = null;
    if (stopped) return;
    if (running) return schedule(delayMs);
    const now = current();
    const keys = new Map([...now].map(([id, users]) => [id, users.join()]));
    const changedStories = [...new Set([...keys.keys(), ...written.keys()])]
      .filter((id) => keys.get(id) !== written.get(id))
      .sort();
    running = reportPresence(
      store,
      serverId,
      [...now].flatMap(([storyId, users]) =>
        users.map((userId) => ({ storyId, userId })),
      ),
    )
      .then(() => {
        written = keys;
        if (changedStories.length > 0) announce(changedStories);
      })
      .catch((error: unknown) => {
        log.warn("reporting presence failed", { error: describeError(error) });
        schedule(REFRESH_MS / 4);
      })
      .finally(() => {
        running = null;
      });
  };

  function schedule(ms: number): void {
    if (due || stopped) return;
    due = setTimeout(report, ms);
    due.unref();
  }

  const refresh = setInterval(() => schedule(0), REFRESH_MS);
  refresh.unref();
  return {
    changed: () => schedule(delayMs),
    async stop() {
      stopped = true;
      clearInterval(refresh);
      if (due) clearTimeout(due);
      await running;
      await reportPresence(store, serverId, []).catch(() => undefined);
    },
  };
}
