import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverBundle } from "./bundle";
import { TEST_SECRET } from "./harness";

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
);

/** A collaboration server running as a real child process (`server/main.ts`). */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** ws://127.0.0.1:port */
  url: string;
  /** http://127.0.0.1:port */
  httpUrl: string;
  /** http://127.0.0.1:metricsPort, where /metrics is served */
  metricsUrl: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
}

/**
 * Starts `server/main.ts` (bundled, see bundle.ts) in a child process of its own on a free port;
 * resolves once it listens. `env` adds to and overrides the test environment (DATA_DIR,
 * DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, COLLAB_* ...).
 */
export async function startServerProcess(
  env: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await serverBundle()], {
    cwd: root,
    env: {
      ...process.env,
      // The collaboration process is given its token key only, as `npm start` does.
      NEXTAUTH_SECRET: "",
      COLLAB_TOKEN_SECRET: TEST_SECRET,
      COLLAB_HOST: "127.0.0.1",
      COLLAB_PORT: "0",
      COLLAB_METRICS_PORT: "0",
      REDIS_URL: "",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line.includes('"collaboration server listening"')) continue;
        const { port, metricsPort } = JSON.parse(line) as {
          port: number;
          metricsPort: number;
        };
        resolve({
          child,
          port,
          url: `ws://127.0.0.1:${port}`,
          httpUrl: `http://127.0.0.1:${port}`,
          metricsUrl: `http://127.0.0.1:${metricsPort}`,
          exited,
          stderr: () => stderr,
        });
      }
    });
    void exited.then(({ code, signal }) =>
      reject(
        new Error(
          `collaboration server exited before listening (${code ?? signal}): ${stderr}`,
        ),
      ),
    );
  });
}

/** Reads a counter or gauge from a server's /metrics (at its `metricsUrl`). */
export async function readMetric(
  metricsUrl: string,
  name: string,
): Promise<number> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}
