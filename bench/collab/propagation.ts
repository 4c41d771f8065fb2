/**
 * Propagation (a sender's edit until each peer observes it) and, ours only, acknowledgement (the
 * edit until the server says it is stored) under a load. A load runs in rounds that alternate
 * the variants (the reference, ours with its defaults, ours broadcasting only after the commit);
 * each round measures for the load's duration after a 1 s warm-up, and a figure is the median
 * of the rounds' figures (bench/README.md says why).
 */
import { fork } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { bundleForNode } from "../../server/testing/bundle";
import type { ClientCommand, ClientReply } from "./client-process";
import { nowAbs, type ClientSpec, type Target } from "./clients";
import { createStories, tokenFor, type Fixture } from "./fixture";
import { processArguments } from "./ipc";
import type { Load } from "./loads";
import type { BenchOptions, Variant } from "./options";
import { kindOf, startVariant, type Kind } from "./servers";
import {
  medianOf,
  ratiosTo,
  summarize,
  type Latency,
  type Ratios,
} from "./stats";

/** A round's figures: propagation, and acknowledgement for ours. */
export type LoadResult = { propagation: Latency; ack: Latency | null };

/** A load's figures, as printed in the JSON; a variant that did not run has n = 0. */
export interface LoadFigures {
  reference: Latency;
  ours: OursFigures;
  oursAfterCommit: OursFigures;
  rounds: Record<Variant, LoadResult[]>;
}

/** Ours's figures at a load, with its propagation ÷ the reference's. */
export interface OursFigures {
  propagation: Latency;
  ack: Latency;
  ratio: Ratios;
}

/**
 * Editors in one client process, viewers in another: on two cores more processes only add
 * scheduling delays (bench/README.md).
 */
const processOf = (spec: ClientSpec) => (spec.role === "editor" ? 0 : 1);

/** A process of benchmark clients (bench/collab/client-process.ts). */
async function startClientProcess(options: BenchOptions) {
  const child = fork(
    await bundleForNode("bench/collab/client-process.ts"),
    processArguments(options),
    {
      // Plain node, not this process's TypeScript loader. The clients are the instrument: a
      // larger young generation and a collection before typing keep their garbage collections
      // from passing for the servers' latency (bench/README.md).
      execArgv: [
        "--expose-gc",
        "--max-semi-space-size=64",
        ...options.clientArgs,
      ],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      // Updates and seeds are binary.
      serialization: "advanced",
    },
  );
  const ask = <T extends ClientReply["type"]>(
    command: ClientCommand,
    expect: T | null,
  ) =>
    new Promise<Extract<ClientReply, { type: T }> | undefined>((resolve) => {
      if (!expect) {
        child.send(command);
        resolve(undefined);
        return;
      }
      const onMessage = (reply: ClientReply) => {
        if (reply.type !== expect) return;
        child.off("message", onMessage);
        resolve(reply as Extract<ClientReply, { type: T }>);
      };
      child.on("message", onMessage);
      child.send(command);
    });
  return { child, ask };
}

/** The load's clients, on new stories. */
async function specsFor(
  kind: Kind,
  load: Load,
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
  load: Load,
  f: Fixture,
): Promise<LoadResult> {
  const kind = kindOf(variant);
  const server = await startVariant(options, variant, f.dataDir);
  const specs = await specsFor(kind, load, f);
  const processes = await Promise.all(
    Array.from({ length: load.viewers > 0 ? 2 : 1 }, () =>
      startClientProcess(options),
    ),
  );
  const target: Target = { kind, url: server.url };
  await Promise.all(
    processes.map((p, i) =>
      p.ask(
        {
          type: "open",
          target,
          specs: specs.filter((spec) => processOf(spec) === i),
        },
        "opened",
      ),
    ),
  );
  for (const p of processes)
    await p.ask({ type: "type", intervalMs: load.intervalMs }, null);
  const from = nowAbs() + 1000; // warm-up
  await sleep(1000 + load.durationMs);
  const to = nowAbs();
  const samples = await Promise.all(
    processes.map((p) => p.ask({ type: "stop", from, to }, "samples")),
  );
  await Promise.all(processes.map((p) => p.ask({ type: "close" }, "closed")));
  for (const p of processes) p.child.disconnect();
  await server.stop();
  return {
    propagation: summarize(samples.flatMap((s) => s!.propagation)),
    ack: kind === "ours" ? summarize(samples.flatMap((s) => s!.acks)) : null,
  };
}

/** Measures a load in the options' rounds and variants; a figure is the median of rounds. */
export async function measureLoad(
  options: BenchOptions,
  load: Load,
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
      console.error(`… ${load.name}, round ${round + 1}: ${variant}`);
      rounds[variant].push(await runLoad(options, variant, load, f));
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
  return {
    reference,
    ours: oursFigures("ours"),
    oursAfterCommit: oursFigures("ours-after-commit"),
    rounds,
  };
}
