import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { Backoff, supervise, type Supervisor } from "./supervise";

/** A tiny HTTP server as a real child process: answers its name and pid on `port`. */
const serverScript = `
const http = require("node:http");
const [name, port] = process.argv.slice(1);
http.createServer((_req, res) => res.end(name + " " + process.pid)).listen(Number(port), "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function get(port: number, path = "/"): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

async function until<T>(probe: () => Promise<T> | T, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("Backoff", () => {
  test("doubles after quick crashes up to the cap, and starts over after a long run", () => {
    const b = new Backoff({
      initialMs: 500,
      maxMs: 30_000,
      resetAfterMs: 60_000,
    });
    const quick = Array.from({ length: 9 }, () => b.delayAfter(100));
    expect(quick).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(b.delayAfter(60_000)).toBe(500);
    expect(b.delayAfter(10)).toBe(1000);
  });
});

describe("supervise", () => {
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stop(0);
    supervisor = undefined;
  });

  async function start() {
    const webPort = await freePort();
    const collabPort = await freePort();
    const lines: string[] = [];
    const spec = (name: string, port: number, restart: boolean) => ({
      name,
      command: process.execPath,
      args: ["-e", serverScript, name, String(port)],
      restart,
      stdio: "ignore" as const,
    });
    supervisor = supervise(
      [spec("web", webPort, false), spec("collab", collabPort, true)],
      {
        backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 60_000 },
        log: { info: (m) => lines.push(m), error: (m) => lines.push(m) },
        graceMs: 2000,
      },
    );
    const s = supervisor;
    const webPid = s.child("web")!.pid!;
    await until(async () => (await get(webPort)) === `web ${webPid}`);
    await until(async () => (await get(collabPort)).startsWith("collab "));
    return { s, webPort, collabPort, webPid, lines };
  }

  test("a collaboration server killed with SIGKILL is restarted and serves again; the web app stays up", async () => {
    const { s, webPort, collabPort, webPid, lines } = await start();
    for (let round = 1; round <= 2; round++) {
      const before = s.child("collab")!.pid!;
      process.kill(before, "SIGKILL");
      const after = await until(async () => {
        const answer = await get(collabPort);
        const pid = Number(answer.split(" ")[1]);
        return pid !== before ? pid : 0;
      });
      expect(alive(before)).toBe(false);
      expect(after).toBe(s.child("collab")!.pid);
      expect(s.restarts("collab")).toBe(round);
      // The web app never went away: same process, still answering.
      expect(await get(webPort)).toBe(`web ${webPid}`);
    }
    expect(lines.filter((l) => l.includes("restarting"))).toEqual([
      "collab exited (SIGKILL); restarting it in 0.1 s (restart 1).",
      "collab exited (SIGKILL); restarting it in 0.2 s (restart 2).",
    ]);
  });

  test("when the web app dies, everything stops and the exit code is non-zero", async () => {
    const { s, webPid, lines } = await start();
    const collabPid = s.child("collab")!.pid!;
    process.kill(webPid, "SIGKILL");
    expect(await s.done).not.toBe(0);
    expect(alive(collabPid)).toBe(false);
    expect(s.restarts("collab")).toBe(0);
    expect(lines).toContain("web exited (SIGKILL); stopping the newsroom.");
  });

  test("the real collaboration server, killed with SIGKILL, is restarted and answers /healthz again", async () => {
    const dataDir = fs.mkdtempSync(
      path.join(os.tmpdir(), "newsroom-supervise-"),
    );
    const collabPort = await freePort();
    const webPort = await freePort();
    // As scripts/start.ts runs it: one process (node with tsx's loader), so SIGKILL leaves no
    // orphan holding the port.
    supervisor = supervise(
      [
        {
          name: "collaboration server",
          command: process.execPath,
          args: [
            "--import",
            "tsx",
            path.join(import.meta.dirname, "..", "server", "main.ts"),
          ],
          env: {
            ...process.env,
            DATA_DIR: dataDir,
            COLLAB_PORT: String(collabPort),
            NEXTAUTH_SECRET: "x".repeat(40),
            DATABASE_URL: "",
            REDIS_URL: "",
            LOG_LEVEL: "warn",
          },
          restart: true,
          stdio: "ignore",
        },
        {
          name: "web app",
          command: process.execPath,
          args: ["-e", serverScript, "web", String(webPort)],
          restart: false,
          stdio: "ignore",
        },
      ],
      {
        backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 60_000 },
        log: { info() {}, error() {} },
      },
    );
    const s = supervisor;
    const healthz = async () =>
      JSON.parse(await get(collabPort, "/healthz")) as { ok: boolean };
    await until(async () => (await healthz()).ok, 60_000);
    const before = s.child("collaboration server")!.pid!;
    process.kill(before, "SIGKILL");
    await until(() => !alive(before));
    await until(() => s.restarts("collaboration server") === 1);
    await until(async () => (await healthz()).ok, 60_000);
    expect(s.child("collaboration server")!.pid).not.toBe(before);
    expect(await get(webPort)).toMatch(/^web /);
    await s.stop(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});
