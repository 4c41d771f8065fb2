/**
 * Propagation (a sender's edit until each peer observes it) and, ours only, acknowledgement (the
 * edit until the server says it is stored) under a load in a presence mode, with what each
 * delivered edit cost the server in CPU. A load runs in rounds (bench/collab/round.ts) that
 * alternate the variants (the reference, ours with its defaults, ours broadcasting only after
 * the commit), and a figure is the median of the rounds' figures (bench/README.md says why).
 */
import type { Fixture } from "./fixture";
import type { LoadRun } from "./loads";
import type { BenchOptions, Variant } from "./options";
import { runRound, type LoadResult } from "./round";
import { median, medianOf, ratiosTo, type Latency, type Ratios } from "./stats";

/** A variant's costs at a load: the median of its finished rounds (closes: summed). */
export interface CostFigures {
  /** Deliveries ÷ edits typed × peers, %: 100 when every edit reached everyone in the window. */
  deliveredPercent: number;
  /** Each abandoned round (its figures are left out): its phase, and how far opening got. */
  unfinished: string[];
  serverCpuPerEditUs: number;
  /** The server's CPU over the window, % of a core. */
  serverCpuPercent: number;
  /** The busiest client process, and all of them together, % of a core. */
  busiestClientCpuPercent: number;
  clientCpuPercent: number;
  /** The busiest client process's event loop, % of the window. */
  busiestClientLoopPercent: number;
  /** Presence on: from the last client synced until every client held everyone's presence, ms. */
  settleMs: number;
  presenceChangesPerClientS: number;
  caretsPerClient: number;
  closes: Record<string, number>;
}

/**
 * A load's figures, as printed in the JSON; a variant that did not run, or none of whose rounds
 * finished, has n = 0.
 */
export interface LoadFigures {
  presence: LoadRun["presence"];
  reference: Latency;
  ours: OursFigures;
  oursAfterCommit: OursFigures;
  cost: Record<Variant, CostFigures>;
  rounds: Record<Variant, LoadResult[]>;
}

/** Ours's figures at a load, with its propagation ÷ the reference's. */
export interface OursFigures {
  propagation: Latency;
  ack: Latency;
  ratio: Ratios;
}

type Finished = Extract<LoadResult, { unfinished: null }>;

const finished = (rounds: LoadResult[]): Finished[] =>
  rounds.filter((r): r is Finished => r.unfinished === null);

/** A variant's costs over its rounds. */
function costOf(all: LoadResult[]): CostFigures {
  const rounds = finished(all);
  const costs = rounds.map((r) => r.cost);
  const closes: Record<string, number> = {};
  for (const c of costs)
    for (const [code, n] of Object.entries(c.closes))
      closes[code] = (closes[code] ?? 0) + n;
  return {
    unfinished: all.flatMap((r) =>
      r.unfinished ? [`${r.unfinished}, ${r.synced}/${r.clients} synced`] : [],
    ),
    serverCpuPerEditUs: median(costs.map((c) => c.serverCpuPerEditUs)),
    deliveredPercent: median(costs.map((c) => c.deliveredPercent)),
    serverCpuPercent: median(
      costs.map((c) => Math.round((1000 * c.serverCpuMs) / c.windowMs) / 10),
    ),
    busiestClientCpuPercent: median(
      costs.map((c) => Math.max(...c.clientCpuPercent)),
    ),
    clientCpuPercent: median(
      costs.map(
        (c) =>
          Math.round(c.clientCpuPercent.reduce((a, b) => a + b, 0) * 100) / 100,
      ),
    ),
    busiestClientLoopPercent: median(
      costs.map((c) => Math.max(...c.clientLoopBusyPercent)),
    ),
    settleMs: median(rounds.map((r) => r.settle.ms)),
    presenceChangesPerClientS: median(
      costs.map((c) => c.presenceChangesPerClientS),
    ),
    caretsPerClient: median(costs.map((c) => c.caretsPerClient)),
    closes,
  };
}

/** Measures a load in the options' rounds and variants; a figure is the median of rounds. */
export async function measureLoad(
  options: BenchOptions,
  run: LoadRun,
  f: Fixture,
): Promise<LoadFigures> {
  const rounds: Record<Variant, LoadResult[]> = {
    reference: [],
    ours: [],
    "ours-after-commit": [],
  };
  for (let round = 0; round < options.rounds; round++) {
    // Alternating, so that a slow minute of the machine hits every variant alike.
    for (const variant of options.variants) {
      // A variant the machine could not carry once is not tried again at this load: each
      // abandoned round takes minutes.
      if (rounds[variant].some((r) => r.unfinished)) continue;
      console.error(`… ${run.name}, round ${round + 1}: ${variant}`);
      rounds[variant].push(await runRound(options, variant, run, f));
    }
  }
  const reference = medianOf(
    finished(rounds.reference).map((r) => r.propagation),
  );
  const oursFigures = (variant: Variant): OursFigures => {
    const done = finished(rounds[variant]);
    const propagation = medianOf(done.map((r) => r.propagation));
    return {
      propagation,
      ack: medianOf(done.map((r) => r.ack!)),
      ratio: ratiosTo(reference, propagation),
    };
  };
  const cost = (variant: Variant) => costOf(rounds[variant]);
  return {
    presence: run.presence,
    reference,
    ours: oursFigures("ours"),
    oursAfterCommit: oursFigures("ours-after-commit"),
    cost: {
      reference: cost("reference"),
      ours: cost("ours"),
      "ours-after-commit": cost("ours-after-commit"),
    },
    rounds,
  };
}
