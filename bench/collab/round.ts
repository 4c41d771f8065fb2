/**
 * One round of a variant under a load: a server and client processes of its own, a 1 s
 * warm-up, then the load's duration measured. A round the machine cannot carry (with presence,
 * every renewal of a thousand people reaches a thousand sockets, and each sends it back) is
 * abandoned at a bound instead of running on for ever, and says in which phase.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { spreadClients, startClientProcess } from "./client-pool";
import type { ClientReply } from "./client-process";
import { nowAbs, type ClientSpec, type Target } from "./clients";
import { createStories, tokenFor, type Fixture } from "./fixture";
import type { LoadRun } from "./loads";
import type { BenchOptions, Variant } from "./options";
import { kindOf, startVariant, type Kind } from "./servers";
import { summarize, type Latency } from "./stats";

/** What a round cost: the server's CPU, the client processes' and what they saw of presence. */
export interface RoundCost {
  /** The measured window, ms. */
  windowMs: number;
  /** The server process's CPU time over the window (ms, all its threads). */
  serverCpuMs: number;
  /** That ÷ the edits delivered to peers in the window (propagation samples), µs. */
  serverCpuPerEditUs: number;
  /** Those deliveries ÷ the edits typed in the window × the peers of each: 100 when complete. */
  deliveredPercent: number;
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

/** The phase a round was abandoned in: opening (and settling) or measuring. */
export type Unfinished = "opening" | "measuring";

/** A round's figures: propagation, acknowledgement for ours, and what it cost. */
export type LoadResult =
  | {
      unfinished: null;
      propagation: Latency;
      ack: Latency | null;
      /** Presence on: how long until every client held everyone's presence, and who did not. */
      settle: { ms: number; unsettled: number };
      cost: RoundCost;
    }
  | {
      unfinished: Unfinished;
      afterMs: number;
      /** Clients synced by then (of `clients`), as far as their processes still answered. */
      synced: number;
      clients: number;
    };

/** Opening (batches of 50, each until synced) and settling (60 s at most, client-process.ts). */
const OPEN_LIMIT_MS = 180_000;
/** Each step of the measuring phase past the window itself: a server's or client's answer. */
const ANSWER_LIMIT_MS = 60_000;

class PastBound extends Error {}

/** `promise`, or PastBound after `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PastBound()), ms);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
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
export async function runRound(
  options: BenchOptions,
  variant: Variant,
  run: LoadRun,
  f: Fixture,
): Promise<LoadResult> {
  const { load } = run;
  const kind = kindOf(variant);
  const started = performance.now();
  const server = await startVariant(options, variant, f.dataDir);
  const specs = await specsFor(kind, run, f);
  const groups = spreadClients(
    options,
    run.presence,
    run.editorProcesses,
    specs,
  );
  const processes = await Promise.all(
    groups.map(() => startClientProcess(options, run.clientSemiSpaceMb)),
  );
  const target: Target = { kind, url: server.url };
  const present = run.presence === "on" ? load.editors + load.viewers : null;
  let phase: Unfinished = "opening";
  try {
    const opened = await within(
      OPEN_LIMIT_MS,
      Promise.all(
        processes.map((p, i) =>
          p.ask({ type: "open", target, specs: groups[i]!, present }, "opened"),
        ),
      ),
    );
    const openMs = Math.round(performance.now() - started);
    console.error(
      `  ${specs.length} clients in ${groups.length} processes (semi-space ${run.clientSemiSpaceMb} MB) opened in ${openMs} ms`,
    );
    phase = "measuring";
    for (const p of processes)
      await p.ask({ type: "type", intervalMs: load.intervalMs }, null);
    await sleep(1000); // warm-up
    for (const p of processes) await p.ask({ type: "mark" }, null);
    const from = nowAbs();
    const cpuFrom = await within(ANSWER_LIMIT_MS, server.cpuMs());
    await sleep(load.durationMs);
    const to = nowAbs();
    const serverCpuMs =
      (await within(ANSWER_LIMIT_MS, server.cpuMs())) - cpuFrom;
    const replies = await within(
      ANSWER_LIMIT_MS,
      Promise.all(
        processes.map((p) => p.ask({ type: "stop", from, to }, "samples")),
      ),
    );
    await within(
      ANSWER_LIMIT_MS,
      Promise.all(processes.map((p) => p.ask({ type: "close" }, "closed"))),
    );
    for (const p of processes) p.child.disconnect();
    await server.stop();
    return {
      unfinished: null,
      ...figures(
        kind,
        replies.map((r) => r!),
        opened.map((o) => o!),
        load.editors + load.viewers - 1,
        serverCpuMs,
        to - from,
      ),
    };
  } catch (error) {
    if (!(error instanceof PastBound)) throw error;
    const afterMs = Math.round(performance.now() - started);
    const progress = await Promise.all(
      processes.map((p) =>
        within(5000, p.ask({ type: "progress" }, "progress")).then(
          (r) => r!.synced,
          () => 0,
        ),
      ),
    );
    const synced = progress.reduce((a, b) => a + b, 0);
    console.error(
      `  abandoned while ${phase}, after ${afterMs} ms (${synced} of ${specs.length} clients synced)`,
    );
    for (const p of processes) p.child.kill("SIGKILL");
    await server.stop();
    return { unfinished: phase, afterMs, synced, clients: specs.length };
  }
}

type Samples = Extract<ClientReply, { type: "samples" }>;
type Opened = Extract<ClientReply, { type: "opened" }>;

/** A finished round's figures from what its processes reported. */
function figures(
  kind: Kind,
  samples: Samples[],
  opened: Opened[],
  peers: number,
  serverCpuMs: number,
  windowMs: number,
) {
  const delivered = samples.reduce((n, s) => n + s.propagation.length, 0);
  const closes: Record<string, number> = {};
  for (const s of samples)
    for (const [code, n] of Object.entries(s.presence.closes))
      closes[code] = (closes[code] ?? 0) + n;
  const sum = (pick: (s: Samples) => number) =>
    samples.reduce((n, s) => n + pick(s), 0);
  const clients = sum((s) => s.clients);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    propagation: summarize(samples.flatMap((s) => s.propagation)),
    ack: kind === "ours" ? summarize(samples.flatMap((s) => s.acks)) : null,
    settle: {
      ms: Math.max(...opened.map((o) => o.settledMs)),
      unsettled: opened.reduce((n, o) => n + o.unsettled, 0),
    },
    cost: {
      windowMs: round2(windowMs),
      serverCpuMs: round2(serverCpuMs),
      serverCpuPerEditUs: round2((serverCpuMs * 1000) / delivered),
      deliveredPercent: round2(
        (100 * delivered) / (sum((s) => s.typed) * peers),
      ),
      clientCpuPercent: samples.map((s) => round2((100 * s.cpuMs) / s.wallMs)),
      clientLoopBusyPercent: samples.map((s) => round2(100 * s.loopBusy)),
      presenceChangesPerClientS: round2(
        sum((s) => s.presence.changes) / clients / (windowMs / 1000),
      ),
      caretsPerClient: round2(sum((s) => s.presence.carets) / clients),
      closes,
    } satisfies RoundCost,
  };
}
