/**
 * Runs once when the web server starts: the scheduled-publication loop lives here, beside the
 * routes that schedule stories. Not during `next build`.
 */
export async function register(): Promise<void> {
  // Next's own variables, not configuration (lib/env.ts): tested before anything Node-only loads.
  if (
    process.env.NEXT_RUNTIME !== "nodejs" ||
    process.env.NEXT_PHASE === "phase-production-build"
  )
    return;
  const { serverEnv } = await import("./lib/env");
  const env = serverEnv();
  if (!env.NEWSROOM_SCHEDULER) return;
  const [{ getStore }, { startScheduler }] = await Promise.all([
    import("./lib/db/store"),
    import("./lib/stories/scheduler"),
  ]);
  startScheduler(await getStore(), env.SCHEDULER_INTERVAL_MS);
}
