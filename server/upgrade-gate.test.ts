import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { CloseCode } from "../lib/collab/protocol";
import { createMetrics } from "./metrics";
import { Refusal } from "./refusal";
import type { ConnectionGrant } from "./upgrade";
import { upgradeGate, type UpgradeGateOptions } from "./upgrade-gate";
import { UserSocketQuota } from "./user-sockets";

const grant = { storyId: "s1", userId: "u1" } as ConnectionGrant;

describe("upgradeGate", () => {
  let server: http.Server | null = null;
  const clients: WebSocket[] = [];

  afterEach(async () => {
    for (const ws of clients.splice(0)) ws.terminate();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  async function start(
    options: Partial<UpgradeGateOptions>,
  ): Promise<{ url: string; opened: ConnectionGrant[] }> {
    const wss = new WebSocketServer({ noServer: true });
    const opened: ConnectionGrant[] = [];
    server = http.createServer();
    server.on(
      "upgrade",
      upgradeGate({
        wss,
        metrics: createMetrics(),
        quota: new UserSocketQuota(10),
        maxPending: 10,
        timeoutMs: 5_000,
        closing: () => false,
        authorize: () => Promise.resolve(grant),
        openStory: (ws, g) => {
          opened.push(g);
          ws.send("hello");
        },
        openFeed: (ws) => ws.close(),
        ...options,
      }),
    );
    await new Promise<void>((resolve) =>
      server!.listen(0, "127.0.0.1", resolve),
    );
    const { port } = server.address() as AddressInfo;
    return { url: `ws://127.0.0.1:${port}/stories/s1`, opened };
  }

  function closeOf(url: string): Promise<{ code: number; reason: string }> {
    const ws = new WebSocket(url);
    clients.push(ws);
    return new Promise((resolve) =>
      ws.once("close", (code, reason) =>
        resolve({ code, reason: reason.toString() }),
      ),
    );
  }

  it("opens an authorised socket", async () => {
    const { url, opened } = await start({});
    const ws = new WebSocket(url);
    clients.push(ws);
    const first = await new Promise<string>((resolve) =>
      ws.once("message", (data) => resolve(String(data))),
    );
    expect(first).toBe("hello");
    expect(opened).toEqual([grant]);
  });

  it("refuses with the authorisation's close code and reason", async () => {
    const { url } = await start({
      authorize: () =>
        Promise.reject(new Refusal(CloseCode.unauthorized, "unauthorized: no")),
    });
    expect(await closeOf(url)).toEqual({
      code: CloseCode.unauthorized,
      reason: "unauthorized: no",
    });
  });

  it("refuses an upgrade whose authorisation takes too long, and one past the pending limit at once", async () => {
    const { url, opened } = await start({
      maxPending: 1,
      timeoutMs: 300,
      authorize: () => new Promise<ConnectionGrant>(() => undefined),
    });
    const slow = closeOf(url);
    // The first is pending (its request reached the server) before the second arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await closeOf(url)).toEqual({
      code: CloseCode.tryAgainLater,
      reason: "try again later: busy",
    });
    expect(await slow).toEqual({
      code: CloseCode.tryAgainLater,
      reason: "try again later: authorisation timed out",
    });
    expect(opened).toEqual([]);
  });

  it("refuses everyone while the server shuts down, and a user past their share of sockets", async () => {
    let closing = true;
    const { url } = await start({
      closing: () => closing,
      quota: new UserSocketQuota(1),
    });
    expect((await closeOf(url)).code).toBe(CloseCode.serviceRestart);
    closing = false;
    const ws = new WebSocket(url);
    clients.push(ws);
    await new Promise((resolve) => ws.once("message", resolve));
    expect(await closeOf(url)).toEqual({
      code: CloseCode.tooManySockets,
      reason: "too many connections: at most 1 per user",
    });
  });
});
