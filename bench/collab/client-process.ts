/**
 * A process of benchmark clients, apart from the servers: opens the clients it is given, types
 * and observes on request, reports latencies, its own CPU time over the measured window and
 * what it saw of presence and socket closes. Several may share a load.
 */
import fs from "node:fs";
import { performance as perf } from "node:perf_hooks";
import "./trace";
import { processOptions } from "./ipc";
import {
  openMany,
  typeAndObserve,
  type Client,
  type ClientSpec,
  type Target,
} from "./clients";
import { countCarets, emptyTally, type PresenceTally } from "./presence";

export type ClientCommand =
  | {
      type: "open";
      target: Target;
      specs: ClientSpec[];
      /** Presence on: reply only once every client holds this many presence states. */
      present: number | null;
    }
  | { type: "type"; intervalMs: number }
  /** The measured window starts: CPU time is counted from here. */
  | { type: "mark" }
  /** How far opening got (asked when a round is abandoned). */
  | { type: "progress" }
  | { type: "stop"; from: number; to: number }
  | { type: "close" };

export type ClientReply =
  | {
      type: "opened";
      /** From the last client synced until every client held `present` states, ms. */
      settledMs: number;
      /** Clients that did not within SETTLE_MS. */
      unsettled: number;
    }
  | {
      type: "samples";
      /** How many clients this process holds. */
      clients: number;
      propagation: number[];
      acks: number[];
      /** Edits this process's editors typed in the window. */
      typed: number;
      /** This process's CPU time (user + system, all threads) and the wall time since "mark". */
      cpuMs: number;
      wallMs: number;
      /** The share of that wall time its event loop was busy (0–1): near 1, it fell behind. */
      loopBusy: number;
      presence: PresenceTally;
    }
  | { type: "progress"; synced: number }
  | { type: "closed" };

// Every y-websocket provider adds a process "exit" listener.
process.setMaxListeners(0);
const { raw } = processOptions();
let clients: Client[] = [];
let run: ReturnType<typeof typeAndObserve> | null = null;
let tally = emptyTally();
const progress = { synced: 0 };
let mark = {
  cpu: process.cpuUsage(),
  at: performance.now(),
  loop: perf.eventLoopUtilization(),
  changes: 0,
};
const reply = (message: ClientReply) => process.send!(message);

/** How long a process waits for its clients to hear everyone's presence before typing. */
const SETTLE_MS = 60_000;

/**
 * Waits until every client holds `present` presence states (its own included): with presence,
 * each newcomer's state reaches everyone already there and each of them sends it back (the
 * stock provider re-sends every awareness update it applies), and that storm must be over
 * before anything is timed.
 */
async function settle(
  clients: Client[],
  present: number | null,
): Promise<{ settledMs: number; unsettled: number }> {
  const start = performance.now();
  const behind = () =>
    present === null
      ? 0
      : clients.filter((c) => c.provider.awareness.getStates().size < present)
          .length;
  while (behind() > 0 && performance.now() - start < SETTLE_MS)
    await new Promise((r) => setTimeout(r, 50));
  return {
    settledMs: Math.round(performance.now() - start),
    unsettled: behind(),
  };
}

process.on("message", (command: ClientCommand) => {
  void (async () => {
    switch (command.type) {
      case "open":
        tally = emptyTally();
        clients = await openMany(
          command.target,
          command.specs,
          tally,
          progress,
        );
        const settled = await settle(clients, command.present);
        // Else the first full collection of what opening left falls in the timed window, and its
        // pause reads as the server's (bench/README.md).
        global.gc?.();
        reply({ type: "opened", ...settled });
        break;
      case "type":
        run = typeAndObserve(clients, command.intervalMs);
        break;
      case "progress":
        reply({ type: "progress", synced: progress.synced });
        break;
      case "mark":
        mark = {
          cpu: process.cpuUsage(),
          at: performance.now(),
          loop: perf.eventLoopUtilization(),
          changes: tally.changes,
        };
        break;
      case "stop": {
        const cpu = process.cpuUsage(mark.cpu);
        const wallMs = performance.now() - mark.at;
        const loop = perf.eventLoopUtilization(mark.loop);
        const changes = tally.changes - mark.changes;
        run?.stop();
        // Edits made before the end of the window may still be on their way.
        await new Promise((r) => setTimeout(r, 1000));
        if (raw)
          fs.writeFileSync(
            `${raw}.client.${process.pid}.json`,
            JSON.stringify(run!.raw(command.from, command.to)),
          );
        for (const c of clients) countCarets(c.provider, tally);
        reply({
          type: "samples",
          clients: clients.length,
          ...run!.samples(command.from, command.to),
          cpuMs: (cpu.user + cpu.system) / 1000,
          wallMs,
          loopBusy: loop.utilization,
          presence: { ...tally, changes },
        });
        break;
      }
      case "close":
        for (const c of clients) c.destroy();
        clients = [];
        reply({ type: "closed" });
        break;
    }
  })();
});
process.on("disconnect", () => process.exit(0));
