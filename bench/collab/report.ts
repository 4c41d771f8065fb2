/** The collaboration benchmark's printed table: a row per figure, ours beside the reference. */
import os from "node:os";
import type { ColdOpen } from "./cold-open";
import type { MemoryResult } from "./memory";
import type { LoadRun } from "./loads";
import type { Variant } from "./options";
import type { CostFigures, LoadFigures } from "./propagation";
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

// A variant left out by BENCH_VARIANTS has no samples; one whose every round was abandoned
// (bench/collab/round.ts) says where.
const NOT_RUN = "(not run)";
const missing = (c: CostFigures) =>
  c.unfinished.length > 0
    ? `did not finish (${[...new Set(c.unfinished)].join("; ")})`
    : NOT_RUN;

/** Cells of a variant: its latency (with acks), CPU, clients and presence. */
type Cells = ReturnType<typeof cells>;
const cells = (c: CostFigures) => ({
  latency: (l: Latency) =>
    l.n === 0 ? missing(c) : `${l.p50} / ${l.p95} / ${l.p99}`,
  ack: (l: Latency) => (l.n === 0 ? missing(c) : `${l.p50} / ${l.p99}`),
  cpu: () =>
    Number.isNaN(c.serverCpuPerEditUs)
      ? missing(c)
      : `${c.serverCpuPerEditUs} (${c.serverCpuPercent} %; ${c.deliveredPercent} % delivered)`,
  clients: () => {
    const closes = Object.entries(c.closes)
      .map(([code, n]) => `${n}× ${code}`)
      .join(", ");
    const abandoned = c.unfinished.length
      ? `; ${c.unfinished.length} round(s) abandoned (${c.unfinished.join("; ")})`
      : "";
    return Number.isNaN(c.clientCpuPercent)
      ? missing(c)
      : `${c.busiestClientCpuPercent} / ${c.clientCpuPercent}; ${c.busiestClientLoopPercent}; ${closes || "none"}${abandoned}`;
  },
  presence: () =>
    Number.isNaN(c.caretsPerClient)
      ? missing(c)
      : `${c.presenceChangesPerClientS}; ${c.caretsPerClient}; ${c.settleMs}`,
});

/**
 * A load's rows: propagation, acknowledgement, the server's CPU per delivered edit, the client
 * processes (the instrument: CPU, closes), presence as the clients saw it, and the variant
 * broadcasting after the commit.
 */
export function loadRows(run: LoadRun, figures: LoadFigures): Row[] {
  const { reference, ours, oursAfterCommit: behind, cost } = figures;
  const [o, r, b] = [cost.ours, cost.reference, cost["ours-after-commit"]].map(
    cells,
  ) as [Cells, Cells, Cells];
  const fmtRatio = (l: Latency) => {
    if (l.n === 0 || reference.n === 0) return "";
    const q = ratiosTo(reference, l);
    return `${q.p50} / ${q.p95} / ${q.p99}`;
  };
  const cpuRatio = ratio(
    cost.ours.serverCpuPerEditUs,
    cost.reference.serverCpuPerEditUs,
  );
  const rows: Row[] = [
    [
      `${run.name}: propagation p50/p95/p99 ms`,
      o.latency(ours.propagation),
      r.latency(reference),
      fmtRatio(ours.propagation),
      run.targets.propagation,
    ],
    [`  ack p50/p99 ms`, o.ack(ours.ack), "— (no acks)", "", run.targets.ack],
    [
      `  server CPU µs per delivered edit (% of a core; delivered)`,
      o.cpu(),
      r.cpu(),
      Number.isNaN(cpuRatio) ? "" : `${cpuRatio}`,
      run.targets.serverCpu,
    ],
    [
      `  clients: CPU % busiest / all; busiest loop %; closes`,
      o.clients(),
      r.clients(),
      "",
      "",
    ],
  ];
  if (run.presence === "on")
    rows.push([
      `  presence changes/s per client; carets seen; settled ms`,
      o.presence(),
      r.presence(),
      "",
      "",
    ]);
  rows.push([
    `  broadcast after commit: propagation; ack; CPU/edit`,
    `${b.latency(behind.propagation)}; ${b.ack(behind.ack)}; ${b.cpu()}`,
    "",
    fmtRatio(behind.propagation),
    "",
  ]);
  return rows;
}

/** How a load's figures grew from `base`'s (each ÷ the base's): p99, CPU per edit, CPU. */
export function growthRows(
  base: LoadRun,
  baseFigures: LoadFigures,
  figures: LoadFigures,
): Row[] {
  const grown = (now: LoadFigures, was: LoadFigures, variant: Variant) => {
    const latency = (f: LoadFigures) =>
      variant === "reference" ? f.reference : f.ours.propagation;
    const c = now.cost[variant];
    const b = was.cost[variant];
    if (latency(now).n === 0) return missing(c);
    if (latency(was).n === 0) return missing(b);
    return [
      `×${ratio(latency(now).p99, latency(was).p99)}`,
      `×${ratio(c.serverCpuPerEditUs, b.serverCpuPerEditUs)}`,
      `×${ratio(c.serverCpuPercent, b.serverCpuPercent)}`,
    ].join("; ");
  };
  return [
    [
      `  grown from "${base.name}": p99; CPU per edit; CPU`,
      grown(figures, baseFigures, "ours"),
      grown(figures, baseFigures, "reference"),
      "",
      "(how it grows)",
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
