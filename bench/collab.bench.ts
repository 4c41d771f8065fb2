/**
 * `npm run bench -- collab`: our collaboration server against the Yjs reference server
 * (@y/websocket-server 0.1.1: in memory, no auth), the same load in the same run, each server
 * in a process of its own and the stock y-websocket clients in others. Measures propagation,
 * acknowledgement and the server's CPU per delivered edit under five loads, with presence off
 * and on (bench/collab/propagation.ts, loads.ts), memory per open story
 * (memory.ts) and the cold open of a long story (cold-open.ts); prints JSON and a table
 * (report.ts). Settings: bench/collab/options.ts. What the figures mean, and recorded runs:
 * bench/README.md. Benchmarks measure; they never assert.
 */
import { longHistory, runColdOpen, storeColdStories } from "./collab/cold-open";
import { VIEWERS_PER_PROCESS } from "./collab/client-pool";
import { closeFixture, openFixture } from "./collab/fixture";
import {
  benchLoads,
  runName,
  selectedRuns,
  type LoadRun,
} from "./collab/loads";
import { runMemory } from "./collab/memory";
import {
  BenchOptionsError,
  parseBenchOptions,
  runsPart,
  type BenchOptions,
} from "./collab/options";
import { measureLoad, type LoadFigures } from "./collab/propagation";
import {
  coldOpenRows,
  describeMachine,
  growthRows,
  loadRows,
  memoryRows,
  printTable,
  type Row,
} from "./collab/report";

async function main(options: BenchOptions): Promise<void> {
  // Every y-websocket provider adds a process "exit" listener; a thousand are expected here.
  process.setMaxListeners(0);
  const f = await openFixture();
  const machine = describeMachine();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine,
    settings: {
      loads: benchLoads(options),
      presence: options.presence,
      clientProcesses:
        "editors in each load's editorProcesses (1 unless set), viewers in as many as keep each under the limit",
      editorProcesses: options.editorProcesses ?? "each load's own",
      viewersPerProcess: options.viewersPerProcess ?? VIEWERS_PER_PROCESS,
      sqliteSynchronous: options.sqliteSynchronous ?? "(server default)",
    },
  };
  const rows: Row[] = [];

  if (runsPart(options, "propagation")) {
    const loads: Record<string, LoadFigures> = {};
    const runs = new Map<string, LoadRun>();
    for (const run of selectedRuns(options)) {
      const figures = await measureLoad(options, run, f);
      loads[run.name] = figures;
      runs.set(run.name, run);
      rows.push(...loadRows(run, figures));
      const base = run.load.growsFrom;
      const baseName = base && runName(base, run.presence);
      if (baseName && loads[baseName])
        rows.push(...growthRows(runs.get(baseName)!, loads[baseName], figures));
    }
    results.loads = loads;
  }

  if (runsPart(options, "memory")) {
    console.error("… 1,000 open stories");
    const reference = await runMemory(options, "reference", f);
    const ours = await runMemory(options, "ours", f);
    results.memory = { ours, reference };
    rows.push(...memoryRows(ours, reference));
  }

  if (runsPart(options, "cold")) {
    console.error("… cold open of 100,000 edits");
    const history = longHistory(f.seed);
    const stored = await storeColdStories(f, history);
    const reference = await runColdOpen(
      options,
      "reference",
      f,
      history,
      stored,
    );
    const ours = await runColdOpen(options, "ours", f, history, stored);
    results.coldOpen = { ours, reference };
    rows.push(...coldOpenRows(ours, reference));
  }

  console.log(JSON.stringify(results, null, 2));
  printTable(rows, machine);
  await closeFixture(f);
}

function optionsOrExit(): BenchOptions {
  try {
    return parseBenchOptions();
  } catch (error) {
    if (!(error instanceof BenchOptionsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

await main(optionsOrExit());
// Providers' and servers' leftovers must not keep the benchmark alive.
process.exit(0);
