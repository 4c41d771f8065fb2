import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_FRAME_BYTES } from "../lib/collab/protocol";
import { deriveCollabTokenSecret, parseServerEnv } from "../lib/env";
import { collabConfigFromEnv, defaultCollabConfig } from "./config";

const secret = "s".repeat(32);
const fromEnv = (source: Record<string, string>) =>
  collabConfigFromEnv(parseServerEnv({ NEXTAUTH_SECRET: secret, ...source }));

describe("the collaboration server's configuration", () => {
  it("has the documented defaults when nothing is set", () => {
    const { serverId, ...config } = fromEnv({});
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    expect(config).toEqual({
      ...defaultCollabConfig(deriveCollabTokenSecret(secret), { serverId }),
      serverId: undefined,
      host: "0.0.0.0",
      port: 1234,
      metricsHost: "127.0.0.1",
      metricsPort: 9464,
      redisUrl: undefined,
    });
    expect(config).toMatchObject({
      maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
      maxStoryBytes: 8 * 1024 * 1024,
      batchWindowMs: 10,
      commitBurst: 5,
      localBroadcast: "immediate",
      resyncIntervalMs: 10_000,
      storeResyncIntervalMs: 60_000,
      // The backstop: access changes are announced and acted on at once.
      accessCheckIntervalMs: 30_000,
      presenceReportDelayMs: 250,
      maxSocketsPerUser: 20,
      // A dead connection is noticed within two intervals: 4 s.
      pingIntervalMs: 2000,
    });
  });

  it("takes every COLLAB_ variable and REDIS_URL", () => {
    expect(
      fromEnv({
        COLLAB_HOST: "127.0.0.1",
        COLLAB_PORT: "1710",
        COLLAB_METRICS_HOST: "0.0.0.0",
        COLLAB_METRICS_PORT: "9100",
        COLLAB_MAX_FRAME_BYTES: "1024",
        COLLAB_MAX_STORY_BYTES: "65536",
        COLLAB_BATCH_WINDOW_MS: "0",
        COLLAB_COMMIT_BURST: "2",
        COLLAB_LOCAL_BROADCAST: "after-commit",
        COLLAB_RESYNC_INTERVAL_MS: "500",
        COLLAB_STORE_RESYNC_INTERVAL_MS: "2000",
        COLLAB_ACCESS_CHECK_INTERVAL_MS: "250",
        COLLAB_MAX_SOCKETS_PER_USER: "3",
        COLLAB_PING_INTERVAL_MS: "500",
        REDIS_URL: "redis://127.0.0.1:6379",
      }),
    ).toMatchObject({
      host: "127.0.0.1",
      port: 1710,
      metricsHost: "0.0.0.0",
      metricsPort: 9100,
      secret: deriveCollabTokenSecret(secret),
      maxFrameBytes: 1024,
      maxStoryBytes: 65536,
      batchWindowMs: 0,
      commitBurst: 2,
      localBroadcast: "after-commit",
      resyncIntervalMs: 500,
      storeResyncIntervalMs: 2000,
      accessCheckIntervalMs: 250,
      maxSocketsPerUser: 3,
      pingIntervalMs: 500,
      redisUrl: "redis://127.0.0.1:6379",
    });
  });

  it("refuses a socket limit per user below one", () => {
    expect(() => fromEnv({ COLLAB_MAX_SOCKETS_PER_USER: "0" })).toThrow(
      /COLLAB_MAX_SOCKETS_PER_USER: must be a whole number/,
    );
  });

  it("starts at least one commit at a time", () => {
    expect(fromEnv({ COLLAB_COMMIT_BURST: "0" }).commitBurst).toBe(1);
  });
});
