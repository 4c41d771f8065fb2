/**
 * The benchmarked servers, each in a process of its own (bench/collab/ours-server.ts,
 * bench/collab/reference-server.ts), started and asked over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { bundleForNode } from "../../server/testing/bundle";
import { SECRET } from "./fixture";
import { processArguments, type ServerReport } from "./ipc";
import type { BenchOptions, Variant } from "./options";

/** Which server. */
export type Kind = "ours" | "reference";

/** The server a variant runs. */
export const kindOf = (variant: Variant): Kind =>
  variant === "reference" ? "reference" : "ours";

/** A server's memory after forced garbage collections. */
export type Memory = Extract<ServerReport, { type: "memory" }>;

/** A running server process. */
export interface BenchServer {
  kind: Kind;
  url: string;
  memory(): Promise<Memory>;
  /** Documents in memory, without forcing a garbage collection. */
  documents(): Promise<number>;
  /** The server process's CPU time so far (all its threads), ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the server a variant runs, on the store in `dataDir` (ours). */
export function startVariant(
  options: BenchOptions,
  variant: Variant,
  dataDir: string,
): Promise<BenchServer> {
  return startServer(
    options,
    kindOf(variant),
    dataDir,
    variant === "ours-after-commit"
      ? { COLLAB_LOCAL_BROADCAST: "after-commit", COLLAB_BATCH_WINDOW_MS: "0" }
      : {},
  );
}

/**
 * Starts a server process on a free port (ours: on the store in `dataDir`, with `extraEnv`);
 * resolves once it listens. Rejects if the process exits first.
 */
export async function startServer(
  options: BenchOptions,
  kind: Kind,
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const file = await bundleForNode(
    kind === "ours"
      ? "bench/collab/ours-server.ts"
      : "bench/collab/reference-server.ts",
  );
  const child: ChildProcess = fork(file, processArguments(options), {
    execArgv: [
      "--expose-gc",
      ...options.serverArgs,
      ...(kind === "ours" ? options.oursArgs : []),
    ],
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      REDIS_URL: "",
      COLLAB_TOKEN_SECRET: SECRET,
      // Every bench client signs in as the same account; people each have their own.
      COLLAB_MAX_SOCKETS_PER_USER: "100000",
      COLLAB_PORT: "0",
      COLLAB_METRICS_PORT: "0",
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends ServerReport["type"]>(type: T) =>
    new Promise<Extract<ServerReport, { type: T }>>((resolve, reject) => {
      const onMessage = (report: ServerReport) => {
        if (report.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(report as Extract<ServerReport, { type: T }>);
      };
      const onExit = () => reject(new Error(`${kind} server exited`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const { port } = await next("ready");
  return {
    kind,
    url: `ws://127.0.0.1:${port}`,
    memory: () => {
      const reply = next("memory");
      child.send({ type: "memory" });
      return reply;
    },
    documents: async () => {
      const reply = next("status");
      child.send({ type: "status" });
      return (await reply).documents;
    },
    cpuMs: async () => {
      const reply = next("cpu");
      child.send({ type: "cpu" });
      return (await reply).cpuMs;
    },
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      // Disconnecting makes it exit (writing a --cpu-prof profile, if asked); else kill it.
      child.disconnect();
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
