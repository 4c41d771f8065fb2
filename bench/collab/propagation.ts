/**
 * Propagation (a sender's edit until each peer observes it) and, ours only, acknowledgement (the
 * edit until the server says it is stored) under a load in a presence mode, with what each
 * delivered edit cost the server in CPU. A load runs in rounds that alternate the variants (the
 * reference, ours with its defaults, ours broadcasting only after the commit); each round
 * measures for the load's duration after a 1 s warm-up, and a figure is the median of the
 * rounds' figures (bench/README.md says why).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { spreadClients, startClientProcess } from "./client-pool";
import { nowAbs, type ClientSpec, type Target } from "./clients";
import { createStories, tokenFor, type Fixture } from "./fixture";
import type { LoadRun } from "./loads";
import type { BenchOptions, Variant } from "./options";
import { kindOf, startVariant, type Kind } from "./servers";
import {
  median,
  medianOf,
  ratiosTo,
  summarize,
  type Latency,
  type Ratios,
} from "./stats";

/** What a round cost: the server's CPU, the client processes' and what they saw of presence. */
export interface RoundCost {
  /** The measured window, ms. */
  windowMs: number;
  /** The server process's CPU time over the window (ms, all its threads). */
  serverCpuMs: number;
  /** That ÷ the edits delivered to peers in the window (propagation samples), µs. */
  serverCpuPerEditUs: number;
  /** Each client process's CPU over the window, % of a core (editors' first). */
  clientCpuPercent: number[];
  /** Each client process's event loop: % of the window it was busy (near 100: it fell behind). */
  clientLoopBusyPercent: number[];
  /** Remote presence states that changed over the window, per client and second. */
  presenceChangesPerClientS: number;
  /** At the end, the remote states with a caret a client held, on average. */
  caretsPerClient: number;
  /** Socket closes by code, over the round ("local": the provider's watchdog). */
  closes: Record<string, number>;
}

/** A round's figures: propagation, acknowledgement for ours, and what it cost. */
export type LoadResult = {
  propagation: Latency;
  ack: Latency | null;
  /** Presence on: how long until every client held everyone's presence, and who did not. */
  settle: { ms: number; unsettled: number };
  cost: RoundCost;
};

/** A variant's costs at a load: the median of its rounds (closes: summed). */
export interface CostFigures {
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

/** A load's figures, as printed in the JSON; a variant that did not run has n = 0. */
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

/** The load's clients, on new stories. */
async function specsFor(
  kind: Kind,
  { load, presence }: LoadRun,
  f: Fixture,
): Promise<ClientSpec[]> {
  const storyIds =
    kind === "ours"
      ? await createStories(f, load.stories)
      : Array.from(
          { length: load.stories },
          (_, i) => `bench-${Date.now()}-${i}`,
        );
  const specs: ClientSpec[] = [];
  for (const storyId of storyIds) {
    for (let i = 0; i < load.editors + load.viewers; i++) {
      const role = i < load.editors ? "editor" : "viewer";
      specs.push({
        storyId,
        role,
        key: `${role}${i}`,
        presence,
        ...(kind === "ours"
          ? { token: await tokenFor(f, storyId, role) }
          : { seed: f.seed }),
      });
    }
  }
  return specs;
}

/** One round of a variant under a load, on a server and client processes of its own. */
async function runLoad(
  options: BenchOptions,
  variant: Variant,
  run: LoadRun,
  f: Fixture,
): Promise<LoadResult> {
  const { load } = run;
  const kind = kindOf(variant);
  const server = await startVariant(options, variant, f.dataDir);
  const specs = await specsFor(kind, run, f);
  const groups = spreadClients(options, run.presence, specs);
  const processes = await Promise.all(
    groups.map(() => startClientProcess(options)),
  );
  const target: Target = { kind, url: server.url };
  const present = run.presence === "on" ? load.editors + load.viewers : null;
  const opened = await Promise.all(
    processes.map((p, i) =>
      p.ask({ type: "open", target, specs: groups[i]!, present }, "opened"),
    ),
  );
  for (const p of processes)
    await p.ask({ type: "type", intervalMs: load.intervalMs }, null);
  await sleep(1000); // warm-up
  for (const p of processes) await p.ask({ type: "mark" }, null);
  const from = nowAbs();
  const cpuFrom = await server.cpuMs();
  await sleep(load.durationMs);
  const to = nowAbs();
  const serverCpuMs = (await server.cpuMs()) - cpuFrom;
  const replies = await Promise.all(
    processes.map((p) => p.ask({ type: "stop", from, to }, "samples")),
  );
  await Promise.all(processes.map((p) => p.ask({ type: "close" }, "closed")));
  for (const p of processes) p.child.disconnect();
  await server.stop();
  const samples = replies.map((r) => r!);
  const delivered = samples.reduce((n, s) => n + s.propagation.length, 0);
  const closes: Record<string, number> = {};
  for (const s of samples)
    for (const [code, n] of Object.entries(s.presence.closes))
      closes[code] = (closes[code] ?? 0) + n;
  const clients = specs.length;
  const sum = (pick: (s: (typeof samples)[number]) => number) =>
    samples.reduce((n, s) => n + pick(s), 0);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    propagation: summarize(samples.flatMap((s) => s.propagation)),
    ack: kind === "ours" ? summarize(samples.flatMap((s) => s.acks)) : null,
    settle: {
      ms: Math.max(...opened.map((o) => o!.settledMs)),
      unsettled: opened.reduce((n, o) => n + o!.unsettled, 0),
    },
    cost: {
      windowMs: round2(to - from),
      serverCpuMs: round2(serverCpuMs),
      serverCpuPerEditUs: round2((serverCpuMs * 1000) / delivered),
      clientCpuPercent: samples.map((s) => round2((100 * s.cpuMs) / s.wallMs)),
      clientLoopBusyPercent: samples.map((s) => round2(100 * s.loopBusy)),
      presenceChangesPerClientS: round2(
        sum((s) => s.presence.changes) / clients / ((to - from) / 1000),
      ),
      caretsPerClient: round2(sum((s) => s.presence.carets) / clients),
      closes,
    },
  };
}

/** A variant's costs over its rounds. */
function costOf(rounds: LoadResult[]): CostFigures {
  const costs = rounds.map((r) => r.cost);
  const closes: Record<string, number> = {};
  for (const c of costs)
    for (const [code, n] of Object.entries(c.closes))
      closes[code] = (closes[code] ?? 0) + n;
  return {
    serverCpuPerEditUs: median(costs.map((c) => c.serverCpuPerEditUs)),
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
      console.error(`… ${run.name}, round ${round + 1}: ${variant}`);
      rounds[variant].push(await runLoad(options, variant, run, f));
    }
  }
  const reference = medianOf(rounds.reference.map((r) => r.propagation));
  const oursFigures = (variant: Variant): OursFigures => {
    const propagation = medianOf(rounds[variant].map((r) => r.propagation));
    return {
      propagation,
      ack: medianOf(rounds[variant].map((r) => r.ack!)),
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
