/** Memory per open story at 1,000 open stories with one client each, and after all close. */
import { setTimeout as sleep } from "node:timers/promises";
import { openMany, type Target } from "./clients";
import { createStories, tokenFor, type Fixture } from "./fixture";
import type { BenchOptions } from "./options";
import { emptyTally } from "./presence";
import {
  startServer,
  type BenchServer,
  type Kind,
  type Memory,
} from "./servers";

/** A server's memory idle, with the stories open, and after they closed. */
export interface MemoryResult {
  stories: number;
  idle: Memory;
  open: Memory;
  closed: Memory;
  /** (open − idle) / stories, heap + external. */
  perStoryBytes: number;
  perStoryRssBytes: number;
  /** closed / idle, heap + external. */
  afterCloseRatio: number;
  afterCloseRssRatio: number;
}

/** Opens 1,000 stories on a new server of `kind`, one client each, and closes them again. */
export async function runMemory(
  options: BenchOptions,
  kind: Kind,
  f: Fixture,
): Promise<MemoryResult> {
  const stories = 1000;
  const server = await startServer(options, kind, f.dataDir);
  const target: Target = { kind, url: server.url };
  const ids =
    kind === "ours"
      ? await createStories(f, stories + 20)
      : Array.from(
          { length: stories + 20 },
          (_, i) => `mem-${Date.now()}-${i}`,
        );
  const specs = await Promise.all(
    ids.map(async (storyId, i) => ({
      storyId,
      role: "editor" as const,
      key: `e${i}`,
      presence: "off" as const,
      ...(kind === "ours"
        ? { token: await tokenFor(f, storyId, "editor") }
        : { seed: f.seed }),
    })),
  );
  // The idle baseline of a server that has served before (its code compiled, its caches
  // filled), not of one that never did: open and close 20 stories first.
  for (const c of await openMany(target, specs.slice(stories), emptyTally()))
    c.destroy();
  await waitUntilUnloaded(server);
  const idle = await server.memory();
  const clients = await openMany(target, specs.slice(0, stories), emptyTally());
  await sleep(1000);
  const open = await server.memory();
  for (const c of clients) c.destroy();
  await waitUntilUnloaded(server);
  const closed = await server.memory();
  await server.stop();
  const js = (m: Memory) => m.heapUsed + m.external;
  return {
    stories,
    idle,
    open,
    closed,
    perStoryBytes: Math.round((js(open) - js(idle)) / stories),
    perStoryRssBytes: Math.round((open.rss - idle.rss) / stories),
    afterCloseRatio: Math.round((js(closed) / js(idle)) * 1000) / 1000,
    afterCloseRssRatio: Math.round((closed.rss / idle.rss) * 1000) / 1000,
  };
}

/** Ours unloads every story once its clients left; the reference never does (10 s at most). */
async function waitUntilUnloaded(server: BenchServer): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (
    server.kind === "ours" &&
    (await server.documents()) > 0 &&
    Date.now() < deadline
  )
    await sleep(200);
  await sleep(500);
}
