/**
 * The client processes of a round (bench/collab/client-process.ts): editors in as many as the
 * load says (one for most), viewers spread over as many as it takes to keep each under
 * BENCH_VIEWERS_PER_PROCESS.
 */
import { fork, type ChildProcess } from "node:child_process";
import { bundleForNode } from "../../server/testing/bundle";
import type { ClientCommand, ClientReply } from "./client-process";
import type { ClientSpec } from "./clients";
import { processArguments } from "./ipc";
import type { BenchOptions, Presence } from "./options";

/** A client process and how to ask it something. */
export interface ClientProcess {
  child: ChildProcess;
  /** Sends `command`; resolves with the first reply of type `expect` (at once when null). */
  ask<T extends ClientReply["type"]>(
    command: ClientCommand,
    expect: T | null,
  ): Promise<Extract<ClientReply, { type: T }> | undefined>;
}

/**
 * Viewers one process holds at most, by presence mode. Off: 200, as before (on two cores more
 * processes only added scheduling delays, bench/README.md). On: every viewer also applies each
 * caret move and renewal and echoes it back (the stock provider re-sends every awareness update
 * it applies), so one process of 200 would be busy a whole core and time itself.
 */
export const VIEWERS_PER_PROCESS: Record<Presence, number> = {
  off: 200,
  on: 100,
};

/**
 * The specs of each client process: editors, round-robin, in the first `editorProcesses`;
 * viewers, round-robin, in as many more as keep each at or under the per-process limit.
 */
export function spreadClients(
  options: BenchOptions,
  presence: Presence,
  editorProcesses: number,
  specs: ClientSpec[],
): ClientSpec[][] {
  const editors = specs.filter((s) => s.role === "editor");
  const viewers = specs.filter((s) => s.role === "viewer");
  const perProcess = options.viewersPerProcess ?? VIEWERS_PER_PROCESS[presence];
  return [
    ...roundRobin(editors, Math.min(editorProcesses, editors.length)),
    ...roundRobin(viewers, Math.ceil(viewers.length / perProcess)),
  ];
}

/** `specs` dealt over `groups` lists in turn. */
function roundRobin(specs: ClientSpec[], groups: number): ClientSpec[][] {
  const lists = Array.from({ length: groups }, (): ClientSpec[] => []);
  specs.forEach((spec, i) => lists[i % groups]!.push(spec));
  return lists;
}

/** Starts a process of benchmark clients with a young generation of `semiSpaceMb`. */
export async function startClientProcess(
  options: BenchOptions,
  semiSpaceMb: number,
): Promise<ClientProcess> {
  const child = fork(
    await bundleForNode("bench/collab/client-process.ts"),
    processArguments(options),
    {
      // Plain node, not this process's TypeScript loader. The clients are the instrument: a young
      // generation chosen per load and a collection before typing keep their garbage
      // collections from passing for the servers' latency (bench/README.md).
      execArgv: [
        "--expose-gc",
        `--max-semi-space-size=${semiSpaceMb}`,
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
