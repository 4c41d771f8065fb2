/**
 * What the benchmark and the processes it starts (servers, clients) tell each other: the
 * settings a process starts with, and what a server reports over IPC.
 */

/** The benchmark's settings a server or client process needs, given as its one argument. */
export interface ProcessOptions {
  /** Prefix of the trace file (bench/collab/trace.ts), or none. */
  trace: string | null;
  /** Clients: prefix of the raw samples' files, or none. */
  raw: string | null;
  /** Ours: whether it warms its document code after starting. */
  warm: boolean;
}

/** The arguments that give a process its settings (of `options`, only these). */
export function processArguments(options: ProcessOptions): string[] {
  const { trace, raw, warm } = options;
  return [JSON.stringify({ trace, raw, warm } satisfies ProcessOptions)];
}

let cached: ProcessOptions | undefined;

/**
 * In a server or client process: the settings the benchmark started it with. Throws when the
 * process was started without them (it is not meant to run on its own). No zod here: the
 * reference server's process would load it only for this, and its memory is measured.
 */
export function processOptions(): ProcessOptions {
  if (!cached) {
    const given = JSON.parse(process.argv[2] ?? "null") as Partial<
      Record<keyof ProcessOptions, unknown>
    > | null;
    const prefix = (v: unknown) => v === null || typeof v === "string";
    if (
      !given ||
      !prefix(given.trace) ||
      !prefix(given.raw) ||
      typeof given.warm !== "boolean"
    )
      throw new Error(
        "started without the benchmark's settings (bench/collab/ipc.ts)",
      );
    cached = given as ProcessOptions;
  }
  return cached;
}

/** What a benchmarked server process reports to the benchmark over IPC. */
export type ServerReport =
  | { type: "ready"; port: number }
  | {
      type: "memory";
      /** After two forced garbage collections. */
      rss: number;
      heapUsed: number;
      external: number;
      documents: number;
    }
  | { type: "status"; documents: number }
  /** The process's CPU time so far (user + system, every thread: ours's writer too), in ms. */
  | { type: "cpu"; cpuMs: number };

/** What the benchmark asks a server process. */
export type ServerRequest =
  { type: "memory" } | { type: "status" } | { type: "cpu" };

/** Forces garbage collection (the process runs with --expose-gc) and measures memory. */
export function measureMemory(documents: number): ServerReport {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return {
    type: "memory",
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    documents,
  };
}

/** Answers the benchmark's requests (memory, status, CPU); `documents` counts the documents in memory. */
export function answerRequests(documents: () => number): void {
  process.on("message", (request: ServerRequest) => {
    if (request.type === "memory") process.send!(measureMemory(documents()));
    else if (request.type === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send!({ type: "cpu", cpuMs: (user + system) / 1000 });
    }
    // Without collecting garbage: repeated forced collections flush compiled code and would
    // slow down whatever runs next.
    else process.send!({ type: "status", documents: documents() });
  });
  // The benchmark going away ends the server too.
  process.on("disconnect", () => process.exit(0));
}
