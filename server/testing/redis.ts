import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import { Redis } from "ioredis";
import { envValue, redactedUrl } from "../../lib/env";

/**
 * The shared Redis the fan-out tests use: REDIS_URL (CI sets it), or undefined when it is unset,
 * and then those tests skip. Throws when REDIS_URL is set but Redis does not answer there: a run
 * that was promised Redis must fail, not pass without it.
 */
export async function sharedRedisUrl(): Promise<string | undefined> {
  const url = envValue("REDIS_URL");
  if (!url) return undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: unknown;
  client.on("error", (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return url;
  } catch (error) {
    // ioredis rejects with "Connection is closed"; the error event says why.
    const reason = cause ?? error;
    throw new Error(
      `REDIS_URL is set (${redactedUrl(url)}) but Redis does not answer there ` +
        `(${reason instanceof Error ? reason.message : String(reason)}). ` +
        "Start Redis, or unset REDIS_URL to skip the Redis tests.",
    );
  } finally {
    client.disconnect();
  }
}

/**
 * Whether the redis-server binary is installed (it is on every development and CI machine), for
 * tests that start a private Redis. Throws when it is missing while REDIS_URL is set: then the
 * Redis tests are expected to run, these included.
 */
export function redisServerAvailable(): boolean {
  if (spawnSync("redis-server", ["--version"]).status === 0) return true;
  if (envValue("REDIS_URL"))
    throw new Error(
      "REDIS_URL is set, so every Redis test must run, but the redis-server binary (needed to " +
        "start a private Redis) is not installed: install it, or unset REDIS_URL.",
    );
  return false;
}

/** A private, throw-away redis-server that tests may stop and restart at will. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: every connection drops at once) and starts it again, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.write("PING\r\n");
      });
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().startsWith("+PONG"));
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error("redis-server did not start");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts redis-server on a free port, without persistence; never touches the shared Redis. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const launch = async () => {
    child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      { stdio: "ignore" },
    );
    await waitUntilListening(port);
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once("exit", r));
    running.kill("SIGKILL");
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    restart: async () => {
      await kill();
      await launch();
    },
    stop: kill,
  };
}
