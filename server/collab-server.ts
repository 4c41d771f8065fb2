import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import type { FanoutControl } from "../lib/collab/fanout";
import { EVENTS_PATH } from "../lib/collab/newsroom-events";
import { CloseCode } from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import { createLogger } from "../lib/log";
import type { CollabConfig } from "./config";
import { Connection } from "./connection";
import type { Room } from "./documents";
import { DocumentRegistry } from "./registry";
import type { Fanout } from "./fanout/fanout";
import { localFanout } from "./fanout/local";
import { RedisFanout } from "./fanout/redis";
import { createMetrics, type Metrics } from "./metrics";
import { storePersistence, type DocumentPersistence } from "./persistence";
import { startAccessChecks } from "./access";
import { ApprovalWatch } from "./approval-watch";
import { Heartbeats } from "./heartbeat";
import { NewsroomEvents } from "./newsroom-events";
import { NewsroomFeed } from "./newsroom-feed";
import { startPresenceReports } from "./presence";
import { WriterClaimLog } from "./authorship";
import { Refusal } from "./refusal";
import { authorizeUpgrade, type ConnectionGrant } from "./upgrade";
import { upgradeGate } from "./upgrade-gate";
import { UserSocketQuota } from "./user-sockets";

const log = createLogger("collab");

/** How long after an edit of an approved story its text is compared with the approved one. */
const APPROVAL_COMPARE_DELAY_MS = 300;

export interface CollabServer {
  /** The port actually listened on (useful with port 0). */
  port: number;
  /** The port /metrics is served on (its own listener, on `config.metricsHost`). */
  metricsPort: number;
  metrics: Metrics;
  registry: DocumentRegistry;
  fanout: Fanout;
  /** The story lists' feed sockets. */
  feed: NewsroomFeed;
  /**
   * Stops reading from every socket, flushes every pending write (acknowledging it), then
   * closes every socket with 1012 so that clients reconnect, and leaves the fan-out.
   */
  close(): Promise<void>;
}

export interface CollabServerOptions {
  store: Store;
  config: CollabConfig;
  /** Replaces the store-backed persistence (tests slow it down or make it fail). */
  persistence?: DocumentPersistence;
  /** Replaces the fan-out chosen by `config.redisUrl`. */
  fanout?: Fanout;
  /** Handles control messages about a story (see lib/collab/fanout). */
  onControl?: (room: Room, control: FanoutControl) => void;
}

/**
 * Starts the collaboration server. The pieces, each of its own module, composed here:
 * - HTTP: /healthz and /metrics; upgrade requests must arrive complete and in time;
 * - upgrade-gate.ts, upgrade.ts: the token, the user's rights and share of sockets are checked
 *   before the socket opens;
 * - connection.ts: the y-websocket protocol of one socket, limits, close codes;
 * - documents.ts: one shared load per story, unload when idle; origins decide what is stored;
 * - room-presence.ts: a story's presence, admitted by presence-guard.ts and relayed merged by
 *   presence-relay.ts;
 * - write-queue.ts, persistence.ts: per-document write queues over one group commit; acks
 *   after the commit;
 * - fanout/: other servers serving the same stories (Redis), or none;
 * - newsroom-events.ts, newsroom-feed.ts: what the app announces (access changes act at once)
 *   and the story lists' push channel.
 */
export async function startCollabServer({
  store,
  config,
  persistence,
  fanout: givenFanout,
  onControl,
}: CollabServerOptions): Promise<CollabServer> {
  const metrics = createMetrics();
  const fanout =
    givenFanout ??
    (config.redisUrl
      ? new RedisFanout({
          url: config.redisUrl,
          prefix: config.fanoutPrefix,
          resyncIntervalMs: config.resyncIntervalMs,
          storeResyncIntervalMs: config.storeResyncIntervalMs,
          metrics,
        })
      : localFanout());
  const documentPersistence =
    persistence ??
    storePersistence(store, {
      windowMs: config.batchWindowMs,
      burst: config.commitBurst,
      onCommit: (ms) => metrics.commitLatency.observe(ms / 1000),
    });
  const approvals = new ApprovalWatch({
    store,
    delayMs: APPROVAL_COMPARE_DELAY_MS,
    document: (storyId) => registry.get(storyId)?.doc,
    lapsed: (storyId) => events.raise({ type: "story", storyId, access: true }),
  });
  const writerClaims = new WriterClaimLog(store);
  const registry = new DocumentRegistry({
    persistence: documentPersistence,
    config,
    metrics,
    fanout,
    onControl,
    onMembersChanged: () => presence.changed(),
    onStoredEdit: (room, userId) => approvals.edited(room.storyId, userId),
    onUnloaded: (storyId) => approvals.forget(storyId),
    writerClaims,
  });
  const feed = new NewsroomFeed(config.secret, store);
  const access = startAccessChecks(
    registry,
    store,
    config.accessCheckIntervalMs,
    (storyId) => approvals.forget(storyId),
  );
  const events = new NewsroomEvents({
    secret: config.secret,
    feed,
    access,
    fanout,
  });
  const presence = startPresenceReports(
    registry,
    store,
    config.serverId,
    config.presenceReportDelayMs,
    (storyIds) => {
      for (const storyId of storyIds)
        events.raise({ type: "story", storyId, access: false, presence: true });
    },
  );
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    perMessageDeflate: false,
  });
  let shuttingDown = false;
  // Each socket is looked at twice per ping interval (Connection.heartbeat).
  const heartbeats = new Heartbeats<Connection>(config.pingIntervalMs / 2);

  const server = http.createServer(
    {
      // A client that sends its request slowly (or never finishes it) is cut off.
      headersTimeout: config.upgradeTimeoutMs,
      requestTimeout: config.upgradeTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, config.upgradeTimeoutMs),
    },
    (req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/healthz") {
        const body = {
          ok: !shuttingDown,
          connections: connections.size,
          documents: registry.size,
          fanout: fanout.status(),
        };
        res.writeHead(shuttingDown ? 503 : 200, {
          "content-type": "application/json",
        });
        res.end(JSON.stringify(body));
        return;
      }
      if (path === EVENTS_PATH) return events.handleRequest(req, res);
      notFound(res);
    },
  );
  // Metrics tell who edits what and how busy the newsroom is: a listener of their own, on
  // loopback unless configured, so that exposing the sockets does not expose them.
  const metricsServer = http.createServer((req, res) => {
    if ((req.url ?? "/").split("?")[0] === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(metrics.render());
    } else notFound(res);
  });

  server.on(
    "upgrade",
    upgradeGate({
      wss,
      metrics,
      quota: new UserSocketQuota(config.maxSocketsPerUser),
      maxPending: config.maxPendingUpgrades,
      timeoutMs: config.upgradeTimeoutMs,
      closing: () => shuttingDown,
      authorize: (req, toFeed) =>
        toFeed
          ? feed.authorize(req)
          : authorizeUpgrade(req, config.secret, store),
      openStory: (ws, grant) => void open(ws, grant),
      openFeed: (ws, grant) => feed.add(ws, grant),
    }),
  );

  async function open(ws: WebSocket, grant: ConnectionGrant): Promise<void> {
    let room: Room | null = null;
    const connection = new Connection(ws, grant, config, metrics, (closed) => {
      connections.delete(closed);
      heartbeats.delete(closed);
      metrics.connections.set(connections.size);
      if (room) registry.leave(room, closed);
    });
    if (shuttingDown) {
      connection.close(CloseCode.serviceRestart, "server restarting");
      return;
    }
    connections.add(connection);
    heartbeats.add(connection);
    metrics.connections.set(connections.size);
    try {
      room = await registry.join(grant.storyId, connection);
    } catch (error) {
      const refusal =
        error instanceof Refusal
          ? error
          : new Refusal(CloseCode.tryAgainLater, "try again later");
      connection.close(refusal.code, refusal.reason);
      return;
    }
    if (!connections.has(connection)) {
      // The socket closed while the document loaded.
      registry.leave(room, connection);
      return;
    }
    connection.attach(room);
  }

  const metricsPort = await listen(
    metricsServer,
    config.metricsPort,
    config.metricsHost,
  );
  const port = await listen(server, config.port, config.host);
  log.info("collaboration server listening", {
    host: config.host,
    port,
    metricsHost: config.metricsHost,
    metricsPort,
    fanout: config.redisUrl ? "redis" : "local",
  });

  return {
    port,
    metricsPort,
    metrics,
    registry,
    fanout,
    feed,
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      heartbeats.stop();
      access.stop();
      approvals.stop();
      // Nothing more is read: what was received is stored and acknowledged, then sockets close.
      for (const connection of connections) connection.quiesce();
      await registry.settled();
      await registry.flushAll();
      await writerClaims.close();
      for (const connection of [...connections])
        connection.close(CloseCode.serviceRestart, "server restarting");
      feed.closeAll();
      await presence.stop();
      await fanout.close();
      await documentPersistence.close?.();
      await new Promise<void>((resolve) => {
        wss.close(() => resolve());
      });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      metricsServer.closeAllConnections();
      await new Promise<void>((resolve) =>
        metricsServer.close(() => resolve()),
      );
    },
  };
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      error: {
        code: "not_found",
        message: "Connect with a WebSocket to /stories/<id>.",
      },
    }),
  );
}

/** Resolves once `server` listens on `host`:`port`, with the port it got. */
function listen(
  server: http.Server,
  port: number,
  host: string,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
