/**
 * Runs once when the web server starts: records each request's socket peer (lib/peer.ts), and
 * the scheduled-publication loop and, with SMTP_URL, the e-mail digests' loop live here, beside
 * the routes that schedule stories. Not during `next build`.
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
  const [
    { getStore },
    { startScheduler },
    { announce },
    notifications,
    { configuredOutbox },
    { startDigests },
  ] = await Promise.all([
    import("./lib/db/store"),
    import("./lib/stories/scheduler"),
    import("./lib/collab/announce"),
    import("./lib/notifications/scheduled"),
    import("./lib/mail/mailer"),
    import("./lib/notifications/digest"),
  ]);
  const store = await getStore();
  const changed = (ids: string[]) =>
    announce(
      ...ids.map((storyId) => ({
        type: "story" as const,
        storyId,
        access: true,
      })),
    );
  startScheduler(store, env.SCHEDULER_INTERVAL_MS, {
    published: (ids) => {
      changed(ids);
      void notifications.tellScheduledPublication(store, ids);
    },
    swept: changed,
  });
  const outbox = configuredOutbox(env);
  if (outbox) startDigests(store, outbox, env.SCHEDULER_INTERVAL_MS);
}
