import { randomBytes } from "node:crypto";
import net from "node:net";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CloseCode,
  docNameForStory,
  MESSAGE_QUERY_AWARENESS,
} from "../lib/collab/protocol";
import { createSqliteTestStore, createTestUser } from "../lib/db/testing";
import type { TestStore } from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import {
  appendParagraph,
  connectClient,
  createTestStory,
  paragraphTexts,
  slowPersistence,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

/** A masked client frame (RFC 6455 §5.2) carrying `payload` as one binary message. */
function clientFrame(payload: Uint8Array): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  if (payload.length > 125) throw new Error("short frames only");
  return Buffer.concat([
    Buffer.from([0x82, 0x80 | payload.length]),
    mask,
    masked,
  ]);
}

/** The close code of the first close frame after the handshake response, or null. */
function closeCodeIn(received: Buffer): number | null {
  const end = received.indexOf("\r\n\r\n");
  if (end < 0) return null;
  let at = end + 4;
  while (at + 2 <= received.length) {
    const opcode = received[at]! & 0x0f;
    const length = received[at + 1]! & 0x7f;
    if (length > 125) return null;
    if (opcode === 0x8)
      return at + 4 <= received.length ? received.readUInt16BE(at + 2) : null;
    at += 2 + length;
  }
  return null;
}

describe("backpressure and floods", () => {
  let ts: TestStore;
  let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
  let reporter: UserRow;
  let storyId: string;
  const clients: TestClient[] = [];
  const sockets: Array<WebSocket | net.Socket> = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    ts = await createSqliteTestStore();
    reporter = await createTestUser(ts.store, "reporter");
    storyId = (await createTestStory(ts.store, reporter)).id;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of sockets.splice(0)) {
      if (s instanceof WebSocket) s.terminate();
      else s.destroy();
    }
    await server?.close();
    server = null;
    await ts.cleanup();
  });

  /** A client that syncs, then stops reading from its socket altogether. */
  async function stalledClient(url: string): Promise<WebSocket> {
    const ws = new WebSocket(
      `${url}/${docNameForStory(storyId)}?token=${await tokenFor(reporter, storyId)}`,
    );
    sockets.push(ws);
    ws.on("error", () => undefined);
    await new Promise<void>((resolve) =>
      ws.once("message", () => {
        ws.pause();
        resolve();
      }),
    );
    return ws;
  }

  /**
   * 100 paragraphs of 200 kB each: 20 MB, far more than the kernel buffers on loopback. Each
   * typed in four updates of 50 kB, as the server refuses a text struct over 64 Ki characters.
   */
  async function writeALot(writer: TestClient): Promise<void> {
    for (let i = 0; i < 100; i++) {
      appendParagraph(writer.doc, `${i}:`);
      const body = writer.doc.getXmlFragment("body");
      const text = (body.get(body.length - 1) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;
      for (let k = 0; k < 4; k++) text.insert(text.length, "x".repeat(50_000));
    }
    // 400 updates of 50 kB, each checked, stored and acknowledged: slow on a loaded machine.
    await waitFor(
      () => writer.tracker.state === "saved",
      "all changes saved",
      60_000,
    );
  }

  it("keeps serving everyone else at full speed while one client has stopped reading", async () => {
    server = await startTestServer(ts.store, {
      maxBufferedBytes: 256 * 1024 * 1024,
      // writeALot's 20 MB story is past the default size limit.
      maxStoryBytes: 64 * 1024 * 1024,
      // The stalled client answers no ping either: keep the keepalive out of this test.
      pingIntervalMs: 60_000,
    });
    await stalledClient(server.url);
    const writer = connect(
      server.url,
      storyId,
      await tokenFor(reporter, storyId),
      { acks: true },
    );
    const reader = connect(
      server.url,
      storyId,
      await tokenFor(reporter, storyId),
    );
    await Promise.all([writer.synced(), reader.synced()]);
    await writeALot(writer);
    await waitFor(
      () => paragraphTexts(reader.doc).length >= 101,
      "the reading client to receive everything",
    );
    // ...while the stalled one is still connected, its frames queueing in its own buffer.
    expect(server.metrics.connections.get()).toBe(3);
    expect(server.metrics.slowConsumers.get()).toBe(0);
  }, 120_000);

  it("disconnects a client that stopped reading once its queue passes the limit", async () => {
    server = await startTestServer(ts.store, {
      maxBufferedBytes: 4 * 1024 * 1024,
      // writeALot's 20 MB story is past the default size limit.
      maxStoryBytes: 64 * 1024 * 1024,
      // The stalled client answers no ping either: keep the keepalive out of this test.
      pingIntervalMs: 60_000,
    });
    const stalled = await stalledClient(server.url);
    const cut = new Promise<void>((resolve) =>
      stalled.once("close", () => resolve()),
    );
    const writer = connect(
      server.url,
      storyId,
      await tokenFor(reporter, storyId),
      { acks: true },
    );
    const reader = connect(
      server.url,
      storyId,
      await tokenFor(reporter, storyId),
    );
    await Promise.all([writer.synced(), reader.synced()]);
    await writeALot(writer);
    await waitFor(
      () => server!.metrics.slowConsumers.get() >= 1,
      "a stalled client to be disconnected",
    );
    // Reading again, the stalled client finds its socket closed by the server. (The reader
    // shares this busy test process and may fall behind too; it is then cut off as well and
    // reconnects: either way it ends up with everything.)
    stalled.resume();
    await cut;
    await waitFor(
      () => paragraphTexts(reader.doc).length >= 101,
      "the reading client to receive everything",
    );
  }, 120_000);

  it("closes a client that floods before it is authorised and its document is ready", async () => {
    server = await startTestServer(
      ts.store,
      {},
      slowPersistence(ts.store, { loadDelayMs: 1000 }),
    );
    const token = await tokenFor(reporter, storyId);
    const socket = net.connect(server.port, "127.0.0.1");
    sockets.push(socket);
    let received = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("connect", resolve));
    // The request and 300 frames at once: frames sent before the handshake even completed.
    const frame = clientFrame(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
    socket.write(
      Buffer.concat([
        Buffer.from(
          `GET /${docNameForStory(storyId)}?token=${token} HTTP/1.1\r\n` +
            `Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\n` +
            `Sec-WebSocket-Version: 13\r\n\r\n`,
        ),
        ...Array.from({ length: 300 }, () => frame),
      ]),
    );
    await waitFor(() => closeCodeIn(received) !== null, "a close frame");
    expect(closeCodeIn(received)).toBe(CloseCode.flooding);
  });

  it("closes a client that sends too many bytes before its document is ready", async () => {
    server = await startTestServer(
      ts.store,
      {},
      slowPersistence(ts.store, { loadDelayMs: 1000 }),
    );
    const ws = new WebSocket(
      `${server.url}/${docNameForStory(storyId)}?token=${await tokenFor(reporter, storyId)}`,
    );
    sockets.push(ws);
    ws.on("error", () => undefined);
    const closed = new Promise<number>((resolve) =>
      ws.once("close", (code) => resolve(code)),
    );
    ws.once("open", () => {
      for (let i = 0; i < 5; i++) ws.send(Buffer.alloc(2 * 1024 * 1024 - 64));
    });
    expect(await closed).toBe(CloseCode.flooding);
  });

  it("cuts off an upgrade request that never completes", async () => {
    server = await startTestServer(ts.store, { upgradeTimeoutMs: 300 });
    const socket = net.connect(server.port, "127.0.0.1");
    sockets.push(socket);
    socket.on("error", () => undefined);
    // Read (and drop) whatever the server answers, so that its closing is seen.
    socket.resume();
    let closed = false;
    socket.on("close", () => {
      closed = true;
    });
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `GET /${docNameForStory(storyId)} HTTP/1.1\r\nHost: 127.0.0.1\r\n`,
    );
    await waitFor(() => closed, "the server to close the connection");
  });
});
