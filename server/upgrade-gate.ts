import type http from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";
import { FEED_PATH, type FeedGrant } from "../lib/collab/newsroom-events";
import { CloseCode } from "../lib/collab/protocol";
import { createLogger, describeError } from "../lib/log";
import type { Metrics } from "./metrics";
import { Refusal } from "./refusal";
import type { ConnectionGrant } from "./upgrade";
import type { UserSocketQuota } from "./user-sockets";

const log = createLogger("collab");

export interface UpgradeGateOptions {
  wss: WebSocketServer;
  metrics: Metrics;
  /** Each user's share of this server's sockets. */
  quota: UserSocketQuota;
  /** Upgrades being authorised at once; more are refused as busy. */
  maxPending: number;
  /** How long an upgrade's authorisation may take. */
  timeoutMs: number;
  /** Whether the server is shutting down: every upgrade is refused then. */
  closing: () => boolean;
  /** Who a socket belongs to and what it may do (throws Refusal); `toFeed`: the story lists' feed. */
  authorize: (
    req: http.IncomingMessage,
    toFeed: boolean,
  ) => Promise<ConnectionGrant | FeedGrant>;
  openStory: (ws: WebSocket, grant: ConnectionGrant) => void;
  openFeed: (ws: WebSocket, grant: FeedGrant) => void;
}

/**
 * The server's `upgrade` handler: a socket opens only once its token and rights are checked, in
 * time, within the pending-upgrade limit and its user's quota. A refused one still completes
 * the handshake, only to deliver a close code and reason.
 */
export function upgradeGate(
  options: UpgradeGateOptions,
): (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { wss, metrics, quota } = options;
  let pending = 0;

  const refuse = (
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    refusal: Refusal,
  ) => {
    metrics.refusedConnections.inc();
    if (socket.destroyed) return;
    // Complete the handshake only to deliver a close code and reason: nothing else is sent.
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.close(refusal.code, refusal.reason),
    );
  };

  return (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    if (options.closing()) {
      refuse(
        req,
        socket,
        head,
        new Refusal(CloseCode.serviceRestart, "server restarting"),
      );
      return;
    }
    if (pending >= options.maxPending) {
      refuse(
        req,
        socket,
        head,
        new Refusal(CloseCode.tryAgainLater, "try again later: busy"),
      );
      return;
    }
    pending++;
    const toFeed = (req.url ?? "/").split("?")[0] === FEED_PATH;
    withTimeout(options.authorize(req, toFeed), options.timeoutMs)
      .finally(() => pending--)
      .then(
        (grant) => {
          if (socket.destroyed) return;
          if (!quota.take(grant.userId, socket)) {
            refuse(
              req,
              socket,
              head,
              new Refusal(
                CloseCode.tooManySockets,
                `too many connections: at most ${quota.max} per user`,
              ),
            );
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            if ("storyId" in grant) options.openStory(ws, grant);
            else options.openFeed(ws, grant);
          });
        },
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
  };
}

/** Rejects with a "try again later" refusal when `promise` takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Refusal(
            CloseCode.tryAgainLater,
            "try again later: authorisation timed out",
          ),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
