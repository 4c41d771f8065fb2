/** The loads under which propagation and acknowledgement are measured. */
import type { BenchOptions, Presence } from "./options";

/** Stories with their editors (who type) and viewers (who only watch), for a round. */
export interface Load {
  name: string;
  stories: number;
  editors: number;
  viewers: number;
  /** Each editor types a character every this many ms on average. */
  intervalMs: number;
  durationMs: number;
  /** Only in this presence mode (else in every mode the run asks for). */
  presenceOnly?: Presence;
  /** Targets in a presence mode, where they differ from the bench's general ones. */
  targets?: Partial<Record<Presence, Targets>>;
  /** The load (same presence mode) the report shows this one's growth from. */
  growsFrom?: string;
  /** The client processes' young generation by presence mode, where not CLIENT_SEMI_SPACE_MB. */
  clientSemiSpaceMb?: Partial<Record<Presence, number>>;
  /** Client processes the editors are spread over (1 unless set). */
  editorProcesses?: number;
}

/**
 * The client processes' semi-space (MB; Node's default is 16). Four times the default, so that
 * the instrument's own scavenges do not pass for the servers' latency at 200 × 2 (bench/README.md,
 * "The 200 stories × 2 editors gap, and the instrument's garbage collections").
 */
const CLIENT_SEMI_SPACE_MB = 64;

/** What the report prints as a run's targets: the bench measures and prints, never asserts. */
export interface Targets {
  propagation: string;
  ack: string;
  /** The server's CPU per delivered edit. */
  serverCpu: string;
}

/** Every load's targets from before presence was measured. */
const GENERAL: Targets = {
  propagation: "p99 ≤ 1.2×",
  ack: "p99 ≤ 25 ms",
  serverCpu: "",
};

/** A load in one presence mode: what a round runs, and a row of the table. */
export interface LoadRun {
  load: Load;
  presence: Presence;
  /** The load's name and its presence mode, as the JSON and the table name it. */
  name: string;
  targets: Targets;
  /** The client processes' young generation, MB a semi-space (`--max-semi-space-size`). */
  clientSemiSpaceMb: number;
  /** Client processes the editors are spread over. */
  editorProcesses: number;
}

const LOADS: Load[] = [
  // Two fast typists (ten keystrokes a second each): enough samples for a p99 from two people.
  {
    name: "1 story × 2 editors",
    stories: 1,
    editors: 2,
    viewers: 0,
    intervalMs: 100,
    durationMs: 20_000,
  },
  // Everyone else types about a keystroke a second: 50 edits/s into one story, 400 edits/s
  // into the server, or 10 edits/s each seen by 209 people.
  {
    name: "1 story × 50 editors",
    stories: 1,
    editors: 50,
    viewers: 0,
    intervalMs: 1000,
    durationMs: 20_000,
    // With presence the fifty editors' process keeps every editor's copy of the story and
    // applies fifty merged presence messages an interval: with 64 MB its scavenges ran to 41 ms
    // and made most of the acknowledgement tail; Node's default shortens it (bench/README.md).
    clientSemiSpaceMb: { on: 16 },
    // Each editor applies the other 49's keystrokes: 2,450 a second in one process made its
    // late turns both servers' tail and ours's acknowledgement tail; people have a machine
    // each, and two processes of 25 measured shorter tails for both (bench/README.md).
    editorProcesses: 2,
  },
  {
    name: "200 stories × 2 editors",
    stories: 200,
    editors: 2,
    viewers: 0,
    intervalMs: 1000,
    durationMs: 20_000,
  },
  {
    name: "1 story × 10 editors + 200 viewers",
    stories: 1,
    editors: 10,
    viewers: 200,
    intervalMs: 1000,
    durationMs: 20_000,
    // As at 1 × 50: with presence on, the viewers' processes' long scavenges made the tail.
    clientSemiSpaceMb: { on: 16 },
    // Issue 17: with presence, a server that merges presence can do far better than relaying.
    targets: {
      on: {
        propagation: "p99 ≤ 30 ms and ≤ 0.5×",
        ack: GENERAL.ack,
        serverCpu: "≤ 1.0× (reference)",
      },
    },
  },
  // The whole newsroom watching breaking news: with presence, every renewal of 1,010 people
  // reaches 1,010 sockets, so this is where relaying each one shows (issue 17).
  {
    name: "1 story × 10 editors + 1,000 viewers",
    stories: 1,
    editors: 10,
    viewers: 1000,
    intervalMs: 1000,
    durationMs: 20_000,
    presenceOnly: "on",
    // No target: the report shows how each figure grows from 200 viewers.
    targets: { on: { propagation: "", ack: "", serverCpu: "" } },
    growsFrom: "1 story × 10 editors + 200 viewers",
    // The same instrument as at 200 viewers, so that the growth is the servers'.
    clientSemiSpaceMb: { on: 16 },
  },
];

/** Every load, with the round duration the options set. */
export function benchLoads(options: BenchOptions): Load[] {
  return LOADS.map((l) =>
    options.durationMs ? { ...l, durationMs: options.durationMs } : l,
  );
}

/** The name of a load in a presence mode. */
export const runName = (loadName: string, presence: Presence): string =>
  `${loadName}, presence ${presence}`;

/**
 * What this run measures: the loads BENCH_LOAD selects (by name), each in the presence modes
 * BENCH_PRESENCE asks for and the load allows, with the round duration the options set.
 */
export function selectedRuns(options: BenchOptions): LoadRun[] {
  return benchLoads(options)
    .filter(
      (l) =>
        !options.loadFilter ||
        options.loadFilter.split("|").some((part) => l.name.includes(part)),
    )
    .flatMap((load) =>
      options.presence
        .filter((p) => !load.presenceOnly || load.presenceOnly === p)
        .map((presence) => ({
          load,
          presence,
          name: runName(load.name, presence),
          targets: load.targets?.[presence] ?? GENERAL,
          clientSemiSpaceMb:
            load.clientSemiSpaceMb?.[presence] ?? CLIENT_SEMI_SPACE_MB,
          editorProcesses: options.editorProcesses ?? load.editorProcesses ?? 1,
        })),
    );
}
