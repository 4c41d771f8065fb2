import { Redis } from "ioredis";

/**
 * A connection of the Redis fan-out. Publishing into a queue while Redis is away would grow
 * without bound and deliver late; failing fast is enough, the resync after reconnecting repairs
 * what was missed.
 */
export function fanoutConnection(
  url: string,
  role: "pub" | "sub",
  serverId: string,
): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    autoResubscribe: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
    connectionName: `newsroom-collab-${role}-${serverId}`,
  });
}
