/** The collaboration benchmark's printed table: a row per figure, ours beside the reference. */
import os from "node:os";
import type { ColdOpen } from "./cold-open";
import type { MemoryResult } from "./memory";
import type { LoadFigures } from "./propagation";
import { ratio, ratiosTo, type Latency } from "./stats";

/** A row's cells: what, ours, the reference, ratio, target. */
export type Row = [string, string, string, string, string];

/** The machine the run is on, as printed in the JSON and under the table. */
export interface Machine {
  cpus: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  loadAverage: number[];
}

/** This machine now (its load average too). */
export function describeMachine(): Machine {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

// A variant left out by BENCH_VARIANTS has no samples.
const NOT_RUN = "(not run)";

/** A load's rows: propagation, acknowledgement, and the variant broadcasting after the commit. */
export function loadRows(name: string, figures: LoadFigures): Row[] {
  const { reference, ours, oursAfterCommit: behind } = figures;
  const fmt = (l: Latency) =>
    l.n === 0 ? NOT_RUN : `${l.p50} / ${l.p95} / ${l.p99}`;
  const fmtAck = (l: Latency) => (l.n === 0 ? NOT_RUN : `${l.p50} / ${l.p99}`);
  const fmtRatio = (l: Latency) => {
    if (l.n === 0 || reference.n === 0) return "";
    const r = ratiosTo(reference, l);
    return `${r.p50} / ${r.p95} / ${r.p99}`;
  };
  return [
    [
      `${name}: propagation p50/p95/p99 ms`,
      fmt(ours.propagation),
      fmt(reference),
      fmtRatio(ours.propagation),
      "p99 ≤ 1.2×",
    ],
    [`  ack p50/p99 ms`, fmtAck(ours.ack), "— (no acks)", "", "p99 ≤ 25 ms"],
    [
      `  broadcast after commit: propagation; ack`,
      `${fmt(behind.propagation)}; ${fmtAck(behind.ack)}`,
      "",
      fmtRatio(behind.propagation),
      "",
    ],
  ];
}

/** Memory per open story, and after all closed. */
export function memoryRows(ours: MemoryResult, reference: MemoryResult): Row[] {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
  return [
    [
      "memory per open story (heap+external; RSS)",
      `${kb(ours.perStoryBytes)}; ${kb(ours.perStoryRssBytes)}`,
      `${kb(reference.perStoryBytes)}; ${kb(reference.perStoryRssBytes)}`,
      `${ratio(ours.perStoryBytes, reference.perStoryBytes)}`,
      "≤ 64 kB",
    ],
    [
      "memory after all close ÷ idle (heap+ext; RSS)",
      `${ours.afterCloseRatio}; ${ours.afterCloseRssRatio}`,
      `${reference.afterCloseRatio}; ${reference.afterCloseRssRatio}`,
      "",
      "≤ 1.10",
    ],
  ];
}

/** The cold opens: later ones, the first after a start, and ours never compacted. */
export function coldOpenRows(ours: ColdOpen, reference: ColdOpen): Row[] {
  return [
    [
      "cold open, 100k edits: median / max ms",
      `${ours.medianMs} / ${ours.maxMs}`,
      `${reference.medianMs} / ${reference.maxMs} (in memory)`,
      `${ratio(ours.medianMs, reference.medianMs)}`,
      "≤ 150 ms",
    ],
    [
      "  first open after the process started ms",
      `${ours.firstOpenMs}`,
      `${reference.firstOpenMs}`,
      `${ratio(ours.firstOpenMs, reference.firstOpenMs)}`,
      "",
    ],
    [
      "  same story never compacted (100k rows) ms",
      `${ours.uncompactedMs}`,
      "—",
      "",
      "(worst case)",
    ],
  ];
}

/** Prints the rows as a table, and the machine under it. */
export function printTable(rows: Row[], machine: Machine): void {
  const header = ["", "ours", "reference", "ratio", "target"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => r[i]!.length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.padEnd(widths[i]!)).join(" │ ");
  console.log(
    `\n${line(header)}\n${widths.map((w) => "─".repeat(w)).join("─┼─")}`,
  );
  for (const row of rows) console.log(line(row));
  console.log(
    `\n${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average at start ${machine.loadAverage.join(" ")}`,
  );
}
