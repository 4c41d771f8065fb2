import { randomUUID } from "node:crypto";
import { DEFAULT_FANOUT_PREFIX } from "../lib/collab/fanout";
import { DEFAULT_MAX_FRAME_BYTES } from "../lib/collab/protocol";
import { collabTokenSecret, type CollabEnv } from "../lib/env";

/** Everything the collaboration server can be tuned by. */
export interface CollabConfig {
  host: string;
  port: number;
  /** Where /metrics is served: its own listener, on loopback unless configured. */
  metricsHost: string;
  /** Port of the /metrics listener (0: any free port, logged at start). */
  metricsPort: number;
  /** The key collaboration tokens are signed with (lib/env collabTokenSecret). */
  secret: string;
  /** Largest accepted frame; larger ones close the socket with 1009. */
  maxFrameBytes: number;
  /**
   * Largest a story's document may grow to (its encoded state); an update that would pass it is
   * refused and its socket closed with 4413.
   */
  maxStoryBytes: number;
  /**
   * Under sustained load, commits start at most once per this many ms (a token bucket of
   * `commitBurst`), so many stories typed in at once share few commits; an update may wait up to
   * this long for its acknowledgement. 0: never wait.
   */
  batchWindowMs: number;
  /** Commits that may start back to back after a quiet spell (at least 1). */
  commitBurst: number;
  /**
   * "immediate": this server's sockets see an update at once, before it is stored (the
   * write-behind of DESIGN.md); "after-commit": only once it is stored, at the commit's cost.
   */
  localBroadcast: "after-commit" | "immediate";
  /** Compact a story's update log once it has this many rows. */
  compactAfterRows: number;
  /** Messages a socket may send before its document is ready; more closes it. */
  maxMessagesBeforeReady: number;
  /** Bytes a socket may send before its document is ready; more closes it. */
  maxBytesBeforeReady: number;
  /** Bytes queued for a socket beyond which it is treated as stalled and closed. */
  maxBufferedBytes: number;
  /** Bytes waiting to be stored for one document beyond which its sockets stop being read. */
  maxPendingWriteBytes: number;
  /**
   * Keepalive interval (ms). A socket heard from in the last half interval is not pinged; one
   * that leaves a ping unanswered (and sends nothing) for an interval is dropped: a dead
   * connection is noticed within two intervals of its last frame.
   */
  pingIntervalMs: number;
  /** An upgrade request must arrive complete and be authorised within this time (ms). */
  upgradeTimeoutMs: number;
  /** Upgrade requests being authorised at once; more are refused with "try again later". */
  maxPendingUpgrades: number;
  /** Sockets one user may hold on this server; more are refused with 4429. */
  maxSocketsPerUser: number;
  /** Redis for fan-out between several collaboration servers; none: this server is alone. */
  redisUrl?: string;
  /** Prefix of the Redis channel names. */
  fanoutPrefix: string;
  /** How often each loaded document compares its state with the other servers' (ms). */
  resyncIntervalMs: number;
  /** How often each loaded document re-reads the store to catch what fan-out lost (ms). */
  storeResyncIntervalMs: number;
  /**
   * How often open stories' access (status, authors) is re-checked against the store (ms): the
   * backstop for a change whose announcement never arrived (server/newsroom-events.ts).
   */
  accessCheckIntervalMs: number;
  /**
   * Presence changes within this many ms are relayed as one message (server/presence-relay.ts):
   * carets then move ten times a second, which reads as live, and a story's presence traffic
   * stays ten messages a second per socket however many people are in it. 0: each at once.
   */
  presenceRelayMs: number;
  /**
   * Who is in which story is written to the store this many ms after someone joins or leaves
   * (a page's reconnect, or a crowd arriving, is then one write) and the story lists told.
   */
  presenceReportDelayMs: number;
  /** This process, in presence reports (several servers may serve one story). */
  serverId: string;
}

/** The tunables' defaults, for environment variables left unset and for tests. */
const defaults = {
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  maxStoryBytes: 8 * 1024 * 1024,
  batchWindowMs: 10,
  commitBurst: 5,
  localBroadcast: "immediate" as const,
  compactAfterRows: 500,
  maxMessagesBeforeReady: 256,
  maxBytesBeforeReady: 8 * 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxPendingWriteBytes: 32 * 1024 * 1024,
  pingIntervalMs: 2000,
  upgradeTimeoutMs: 10_000,
  maxPendingUpgrades: 1024,
  maxSocketsPerUser: 20,
  fanoutPrefix: DEFAULT_FANOUT_PREFIX,
  resyncIntervalMs: 10_000,
  storeResyncIntervalMs: 60_000,
  accessCheckIntervalMs: 30_000,
  presenceReportDelayMs: 250,
  presenceRelayMs: 100,
} satisfies Partial<CollabConfig>;

/** The configuration of the collaboration process, from the validated environment. */
export function collabConfigFromEnv(
  env: CollabEnv,
  overrides: Partial<CollabConfig> = {},
): CollabConfig {
  return {
    ...defaults,
    host: env.COLLAB_HOST,
    port: env.COLLAB_PORT,
    metricsHost: env.COLLAB_METRICS_HOST,
    metricsPort: env.COLLAB_METRICS_PORT,
    secret: collabTokenSecret(env),
    maxFrameBytes: env.COLLAB_MAX_FRAME_BYTES ?? defaults.maxFrameBytes,
    maxStoryBytes: env.COLLAB_MAX_STORY_BYTES ?? defaults.maxStoryBytes,
    batchWindowMs: env.COLLAB_BATCH_WINDOW_MS ?? defaults.batchWindowMs,
    commitBurst: Math.max(1, env.COLLAB_COMMIT_BURST ?? defaults.commitBurst),
    localBroadcast: env.COLLAB_LOCAL_BROADCAST ?? defaults.localBroadcast,
    resyncIntervalMs:
      env.COLLAB_RESYNC_INTERVAL_MS ?? defaults.resyncIntervalMs,
    storeResyncIntervalMs:
      env.COLLAB_STORE_RESYNC_INTERVAL_MS ?? defaults.storeResyncIntervalMs,
    redisUrl: env.REDIS_URL,
    accessCheckIntervalMs:
      env.COLLAB_ACCESS_CHECK_INTERVAL_MS ?? defaults.accessCheckIntervalMs,
    maxSocketsPerUser:
      env.COLLAB_MAX_SOCKETS_PER_USER ?? defaults.maxSocketsPerUser,
    presenceRelayMs: env.COLLAB_PRESENCE_RELAY_MS ?? defaults.presenceRelayMs,
    pingIntervalMs: Math.max(
      100,
      env.COLLAB_PING_INTERVAL_MS ?? defaults.pingIntervalMs,
    ),
    serverId: randomUUID(),
    ...overrides,
  };
}

/** Defaults for tests and embedding: ephemeral port on loopback, no Redis. */
export function defaultCollabConfig(
  secret: string,
  overrides: Partial<CollabConfig> = {},
): CollabConfig {
  return {
    ...defaults,
    host: "127.0.0.1",
    port: 0,
    metricsHost: "127.0.0.1",
    metricsPort: 0,
    secret,
    serverId: randomUUID(),
    ...overrides,
  };
}
