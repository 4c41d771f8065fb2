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
  | { type: "status"; documents: number };

/** What the benchmark asks a server process. */
export type ServerRequest = { type: "memory" } | { type: "status" };

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

/** Answers the benchmark's memory requests; `documents` counts the documents in memory. */
export function answerRequests(documents: () => number): void {
  process.on("message", (request: ServerRequest) => {
    if (request.type === "memory") process.send!(measureMemory(documents()));
    // Without collecting garbage: repeated forced collections flush compiled code and would
    // slow down whatever runs next.
    else process.send!({ type: "status", documents: documents() });
  });
  // The benchmark going away ends the server too.
  process.on("disconnect", () => process.exit(0));
}
