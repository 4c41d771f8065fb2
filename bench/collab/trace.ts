/**
 * Diagnostics for a benchmark process (BENCH_TRACE=<path prefix>): its garbage collections and
 * the moments its event loop ran late (a 1 ms timer fired more than 3 ms late), each with the
 * wall-clock time and, on Linux, how much of the delay the thread ran (`cpu`) or waited for a
 * core (`wait`, the kernel's run-queue wait). Written to <prefix>.<pid>.json when the process
 * exits, as [what, start (ms since the epoch), duration (ms)] entries, to lay beside the raw
 * latencies of BENCH_RAW. The 1 ms timer costs a little CPU: compare traced runs only with
 * traced runs.
 */
import fs from "node:fs";
import { PerformanceObserver } from "node:perf_hooks";
import { processOptions } from "./ipc";

const prefix = processOptions().trace;
if (prefix) {
  const events: Array<[string, number, number]> = [];
  const wall = (t: number) => performance.timeOrigin + t;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind } =
        (entry as PerformanceEntry & { detail?: { kind?: number } }).detail ??
        {};
      events.push([
        `gc kind=${kind ?? "?"}`,
        wall(entry.startTime),
        entry.duration,
      ]);
    }
  }).observe({ entryTypes: ["gc"] });
  // Nanoseconds on a core and waiting for one, of this thread (Linux only).
  const schedstat = (): [number, number] | null => {
    try {
      const [ran, waited] = fs
        .readFileSync("/proc/thread-self/schedstat", "utf8")
        .split(" ")
        .map(Number);
      return [ran!, waited!];
    } catch {
      return null;
    }
  };
  let last = performance.now();
  let lastSched = schedstat();
  setInterval(() => {
    const now = performance.now();
    const sched = schedstat();
    if (now - last > 3) {
      const detail =
        sched && lastSched
          ? ` cpu=${((sched[0] - lastSched[0]) / 1e6).toFixed(1)} wait=${((sched[1] - lastSched[1]) / 1e6).toFixed(1)}`
          : "";
      events.push([`late${detail}`, wall(last), now - last]);
    }
    last = now;
    lastSched = sched;
  }, 1).unref();
  process.on("exit", () =>
    fs.writeFileSync(`${prefix}.${process.pid}.json`, JSON.stringify(events)),
  );
}
