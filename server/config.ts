import { DEFAULT_MAX_FRAME_BYTES } from "../lib/collab/protocol";
import type { ServerEnv } from "../lib/env";

/** Everything the collaboration server can be tuned by. */
export interface CollabConfig {
  host: string;
  port: number;
  /** The app secret; collaboration tokens are signed with a key derived from it. */
  secret: string;
  /** Largest accepted frame; larger ones close the socket with 1009. */
  maxFrameBytes: number;
  /** How long the writer waits to gather a batch before committing (ms). */
  batchWindowMs: number;
  /** Compact a story's update log once it has this many rows. */
  compactAfterRows: number;
  /** Messages a socket may send before its document is ready; more closes it. */
  maxMessagesBeforeReady: number;
  /** Bytes queued for a socket beyond which it is treated as stalled and closed. */
  maxBufferedBytes: number;
  /** Keepalive ping interval; a socket that misses one pong is closed (ms). */
  pingIntervalMs: number;
}

export function collabConfigFromEnv(
  env: ServerEnv,
  overrides: Partial<CollabConfig> = {},
): CollabConfig {
  return {
    host: process.env.COLLAB_HOST ?? "0.0.0.0",
    port: env.COLLAB_PORT,
    secret: env.NEXTAUTH_SECRET,
    maxFrameBytes: Number(
      process.env.COLLAB_MAX_FRAME_BYTES ?? DEFAULT_MAX_FRAME_BYTES,
    ),
    batchWindowMs: Number(process.env.COLLAB_BATCH_WINDOW_MS ?? 2),
    compactAfterRows: 500,
    maxMessagesBeforeReady: 256,
    maxBufferedBytes: 16 * 1024 * 1024,
    pingIntervalMs: 30_000,
    ...overrides,
  };
}

/** Defaults for tests and embedding: ephemeral port on loopback. */
export function defaultCollabConfig(
  secret: string,
  overrides: Partial<CollabConfig> = {},
): CollabConfig {
  return {
    host: "127.0.0.1",
    port: 0,
    secret,
    maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
    batchWindowMs: 2,
    compactAfterRows: 500,
    maxMessagesBeforeReady: 256,
    maxBufferedBytes: 16 * 1024 * 1024,
    pingIntervalMs: 30_000,
    ...overrides,
  };
}
