/**
 * Runs once when the web server starts: the scheduled-publication loop lives here, beside the
 * routes that schedule stories. Not during `next build`.
 */
export async function register(): Promise<void> {
  if (
    process.env.NEXT_RUNTIME !== "nodejs" ||
    process.env.NEXT_PHASE === "phase-production-build"
  )
    return;
  if (process.env.NEWSROOM_SCHEDULER === "0") return;
  const [{ getStore }, { serverEnv }, { startScheduler }] = await Promise.all([
    import("./lib/db/store"),
    import("./lib/env"),
    import("./lib/stories/scheduler"),
  ]);
  startScheduler(await getStore(), serverEnv().SCHEDULER_INTERVAL_MS);
}
