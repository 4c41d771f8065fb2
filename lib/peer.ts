import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { PEER_HEADER, peerToken, setPeerToken } from "./client-address";

/**
 * Next.js hands a page, the proxy and a route handler the request's headers but not its socket
 * (and keeps a client's own `X-Forwarded-For` as it came). So every request this process's HTTP
 * servers receive gets PEER_HEADER, written here from the socket before Next.js sees it and
 * replacing whatever a client sent under that name. lib/client-address believes it only with
 * this process's token. Installed once, from instrumentation.ts, before the first request.
 */
export function recordPeers(): void {
  if (peerToken()) return;
  const token = randomBytes(18).toString("base64url");
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (
      this: http.Server,
      event: string | symbol,
      ...args: unknown[]
    ): boolean {
      if (event === "request") markPeer(args[0] as IncomingMessage, token);
      return (emit as (e: string | symbol, ...a: unknown[]) => boolean).call(
        this,
        event,
        ...args,
      );
    } as typeof emit;
  }
  setPeerToken(token);
}

/** Writes PEER_HEADER on `request` (exported for tests). */
export function markPeer(request: IncomingMessage, token: string): void {
  const socket = request.socket as Partial<TLSSocket> | undefined;
  const address = socket?.remoteAddress;
  if (address)
    request.headers[PEER_HEADER] =
      `${token} ${socket.encrypted ? "1" : "0"} ${address}`;
  else delete request.headers[PEER_HEADER];
}
