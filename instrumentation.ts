/**
 * Runs once when the web server starts: records each request's socket peer (lib/peer.ts), and
 * the scheduled-publication loop lives here, beside the routes that schedule stories. Not during
 * `next build`.
 */
export async function register(): Promise<void> {
  // Next's own variables, not configuration (lib/env.ts): tested before anything Node-only loads.
  if (
    process.env.NEXT_RUNTIME !== "nodejs" ||
    process.env.NEXT_PHASE === "phase-production-build"
  )
    return;
  // First: from the first request on, every limit and view count knows the socket's peer.
  const { recordPeers } = await import("./lib/peer");
  recordPeers();
  const { serverEnv } = await import("./lib/env");
  const env = serverEnv();
  if (!env.NEWSROOM_SCHEDULER) return;
  const [{ getStore }, { startScheduler }, { announce }, notifications] =
    await Promise.all([
      import("./lib/db/store"),
      import("./lib/stories/scheduler"),
      import("./lib/collab/announce"),
      import("./lib/notifications/scheduled"),
    ]);
  const store = await getStore();
  startScheduler(store, env.SCHEDULER_INTERVAL_MS, (ids) => {
    announce(
      ...ids.map((storyId) => ({
        type: "story" as const,
        storyId,
        access: true,
      })),
    );
    void notifications.tellScheduledPublication(store, ids);
  });
}
