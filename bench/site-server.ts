/**
 * A newsroom of its own for the site benchmarks: the production build (built first if there is
 * none), `scripts/start.ts` on free ports with a temporary DATA_DIR, the demo seed and SQLite.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function getHome(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: "/", headers: { accept: "text/html" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

export interface SiteServer {
  port: number;
  /** The home page's HTML, as first served. */
  home: string;
  stop: () => Promise<void>;
}

/** Builds if needed, starts the newsroom and waits (120 s at most) until `/` answers 200. */
export async function startSiteServer(): Promise<SiteServer> {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("No production build: running `next build` first…");
    const build = spawnSync(
      process.execPath,
      [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
      { cwd: root, stdio: "inherit" },
    );
    if (build.status !== 0) throw new Error("next build failed");
  }
  const dataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), "newsroom-bench-site-"),
  );
  const port = await freePort();
  const collabPort = await freePort();
  // node with tsx's loader, not the tsx CLI: SIGTERM then reaches start.ts itself, which stops
  // the web app and the collaboration server (through the CLI they outlived it).
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/start.ts"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        COLLAB_PORT: String(collabPort),
        NEXTAUTH_URL: `http://localhost:${port}`,
        SEED_DEMO: "1",
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const kill = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("exit", kill);
  const stop = async () => {
    kill();
    await new Promise((r) =>
      server.exitCode === null ? server.once("exit", r) : r(null),
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const ready = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await getHome(port);
      if (r.status === 200) return { port, home: r.body, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > ready) {
      await stop();
      throw new Error("the server did not start in 120 s");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
