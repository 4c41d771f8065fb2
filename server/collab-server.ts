import http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CloseCode } from "../lib/collab/protocol";
import type { Store } from "../lib/db/client";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import { Connection } from "./connection";
import { DocumentRegistry } from "./documents";
import { createMetrics, type Metrics } from "./metrics";
import { storePersistence, type DocumentPersistence } from "./persistence";
import { Refusal } from "./refusal";
import { authorizeUpgrade } from "./upgrade";

const log = createLogger("collab");

export interface CollabServer {
  /** The port actually listened on (useful with port 0). */
  port: number;
  metrics: Metrics;
  registry: DocumentRegistry;
  /** Flushes every pending write, then closes every socket with 1012 (clients reconnect). */
  close(): Promise<void>;
}

export interface CollabServerOptions {
  store: Store;
  config: CollabConfig;
  /** Replaces the store-backed persistence (tests slow it down or make it fail). */
  persistence?: DocumentPersistence;
}

/**
 * Starts the collaboration server: an HTTP server for /healthz and /metrics whose upgrade
 * requests are authorised before the socket opens, then served the y-websocket protocol.
 */
export async function startCollabServer({
  store,
  config,
  persistence,
}: CollabServerOptions): Promise<CollabServer> {
  const metrics = createMetrics();
  const registry = new DocumentRegistry(
    store,
    persistence ?? storePersistence(store),
    config,
    metrics,
  );
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxFrameBytes,
    perMessageDeflate: false,
  });
  let shuttingDown = false;

  const server = http.createServer((req, res) => {
    if (req.url === "/healthz") {
      res.writeHead(shuttingDown ? 503 : 200, {
        "content-type": "application/json",
      });
      res.end(
        JSON.stringify({
          ok: !shuttingDown,
          connections: connections.size,
          documents: registry.size,
        }),
      );
      return;
    }
    if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(metrics.render());
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: {
          code: "not_found",
          message: "Connect with a WebSocket to /stories/<id>.",
        },
      }),
    );
  });

  const refuse = (
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    refusal: Refusal,
  ) => {
    metrics.refusedConnections.inc();
    // Complete the handshake only to deliver a close code and reason: nothing else is sent.
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.close(refusal.code, refusal.reason),
    );
  };

  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (shuttingDown) {
      refuse(
        req,
        socket,
        head,
        new Refusal(CloseCode.serviceRestart, "server restarting"),
      );
      return;
    }
    authorizeUpgrade(req, config.secret, store).then(
      (grant) =>
        wss.handleUpgrade(req, socket, head, (ws) => void open(ws, grant)),
      (error: unknown) => {
        if (error instanceof Refusal) refuse(req, socket, head, error);
        else {
          log.error("upgrade failed", { error: describeError(error) });
          refuse(
            req,
            socket,
            head,
            new Refusal(CloseCode.internal, "internal error"),
          );
        }
      },
    );
  });

  async function open(
    ws: WebSocket,
    grant: Awaited<ReturnType<typeof authorizeUpgrade>>,
  ): Promise<void> {
    let room: Awaited<ReturnType<DocumentRegistry["join"]>> | null = null;
    const connection = new Connection(ws, grant, config, metrics, (closed) => {
      connections.delete(closed);
      metrics.connections.set(connections.size);
      if (room) registry.leave(room, closed);
    });
    connections.add(connection);
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

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, config.pingIntervalMs);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port =
    typeof address === "object" && address ? address.port : config.port;
  log.info("collaboration server listening", { host: config.host, port });

  return {
    port,
    metrics,
    registry,
    async close() {
      if (shuttingDown) return;
      shuttingDown = true;
      clearInterval(heartbeat);
      await registry.flushAll();
      for (const connection of [...connections])
        connection.close(CloseCode.serviceRestart, "server restarting");
      await new Promise<void>((resolve) => {
        wss.close(() => resolve());
      });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
