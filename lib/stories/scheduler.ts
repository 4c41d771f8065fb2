import type { Store } from "../db/client";
import { latestEventActor } from "../db/events";
import { findStoryById, listDueStoryIds } from "../db/story-rows";
import { findUserById } from "../db/users";
import { snapshotStory } from "../db/versions";
import { AppError } from "../errors";
import { createLogger, describeError } from "../log";
import { publishStory } from "./publishing";
import { sweepStories } from "./spike";

const log = createLogger("scheduler");

/**
 * Publishes every approved story whose scheduled time has come, as the editor who scheduled
 * it. Safe to run in several processes at once: publishing only moves a story that is still
 * approved, so each goes live once. Returns the ids published by this call.
 */
export async function publishDueStories(
  store: Store,
  now: Date = new Date(),
): Promise<string[]> {
  const published: string[] = [];
  for (const id of await listDueStoryIds(store.db, now)) {
    try {
      const story = await findStoryById(store.db, id);
      if (!story || story.status !== "approved" || !story.scheduled_at)
        continue;
      const scheduledBy = await latestEventActor(store.db, id, "scheduled");
      const actor = scheduledBy
        ? await findUserById(store.db, scheduledBy)
        : undefined;
      if (!actor) continue;
      await snapshotStory(store, story, {
        name: "Scheduled publication",
        kind: "transition",
        actorId: actor.id,
      });
      await publishStory(store, story, actor, "Scheduled publication");
      published.push(id);
      log.info("published a scheduled story", { storyId: id });
    } catch (error) {
      // Another process published it first, or the story moved on: nothing to do.
      if (error instanceof AppError && error.code === "conflict") continue;
      log.error("scheduled publication failed", {
        storyId: id,
        error: describeError(error),
      });
    }
  }
  return published;
}

/**
 * Checks for due stories every `intervalMs` (and once at start, so restarts catch up), and
 * sweeps spiked and abandoned stories away every ten minutes.
 */
/** How often spiked and abandoned stories are swept away (lib/stories/spike.ts). */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export interface SchedulerHooks {
  /** Stories the scheduler published. */
  published?: (storyIds: string[]) => void;
  /** Stories deleted by the sweep (spiked 30 days ago, or left blank). */
  swept?: (storyIds: string[]) => void;
}

export function startScheduler(
  store: Store,
  intervalMs: number,
  hooks: SchedulerHooks = {},
): () => void {
  let running = false;
  let lastSweep = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const published = await publishDueStories(store);
      if (published.length > 0) hooks.published?.(published);
      if (Date.now() - lastSweep >= SWEEP_INTERVAL_MS) {
        lastSweep = Date.now();
        const swept = await sweepStories(store);
        if (swept.length > 0) {
          log.info("swept stories away", { count: swept.length });
          hooks.swept?.(swept);
        }
      }
    } catch (error) {
      log.error("scheduler tick failed", { error: describeError(error) });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
