/** The loads under which propagation and acknowledgement are measured. */
import type { BenchOptions } from "./options";

/** Stories with their editors (who type) and viewers (who only watch), for a round. */
export interface Load {
  name: string;
  stories: number;
  editors: number;
  viewers: number;
  /** Each editor types a character every this many ms on average. */
  intervalMs: number;
  durationMs: number;
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
  },
];

/** Every load, with the round duration the options set. */
export function benchLoads(options: BenchOptions): Load[] {
  return LOADS.map((l) =>
    options.durationMs ? { ...l, durationMs: options.durationMs } : l,
  );
}

/** The loads this run measures (BENCH_LOAD), with the round duration the options set. */
export function selectedLoads(options: BenchOptions): Load[] {
  return benchLoads(options).filter(
    (l) => !options.loadFilter || l.name.includes(options.loadFilter),
  );
}
