/**
 * The collaboration benchmark's settings, read from the environment once (bench/README.md
 * tells how to use them). An empty variable counts as unset.
 *
 * - BENCH_ONLY=propagation|memory|cold runs one part;
 * - BENCH_LOAD=<text> only the loads whose name contains it (or any of `a|b|…`);
 * - BENCH_DURATION_MS overrides each round's measured duration (0: each load's own);
 * - BENCH_ROUNDS, the number of rounds of each load (5);
 * - BENCH_VARIANTS=reference,ours,ours-after-commit runs only those variants;
 * - BENCH_PRESENCE=off|on|both (both): each load with presence as before (editors an empty
 *   state, viewers none), as a real editor has it (every client a `user`, renewed every 15 s by
 *   the provider; editors move their caret with each keystroke), or both; a load made for one
 *   (1,000 viewers: on) runs only in that one;
 * - BENCH_VIEWERS_PER_PROCESS, at most this many viewers in one client process (200 with presence
 *   off, as before; 100 with presence on, where each viewer also applies and echoes every
 *   caret and renewal);
 * - BENCH_EDITOR_PROCESSES, the editors spread over this many client processes (each load's own:
 *   2 at 1 story × 50 editors, else 1);
 * - BENCH_WARM=0 leaves out our server's warm-up (to compare);
 * - BENCH_SERVER_ARGS adds node flags to the server processes (e.g. --cpu-prof),
 *   BENCH_OURS_ARGS to ours only, BENCH_CLIENT_ARGS to the client processes (after their own);
 * - BENCH_RAW=<prefix> writes each round's raw (time sent, latency) samples, and
 *   BENCH_TRACE=<prefix> every process's garbage collections and late event-loop turns
 *   (bench/collab/trace.ts);
 * - SQLITE_SYNCHRONOUS=NORMAL|FULL sets ours (default: the server's own; the server checks it).
 */
import { z } from "zod";

/** Ours as configured by default, or broadcasting to its own sockets only after the commit. */
export type Variant = "reference" | "ours" | "ours-after-commit";

/** Every variant, in the order a round runs them. */
export const ALL_VARIANTS: readonly Variant[] = [
  "reference",
  "ours",
  "ours-after-commit",
];

const PARTS = ["propagation", "memory", "cold"] as const;

/** Presence as before (off) or as a real editor has it (on); see the module's comment. */
export type Presence = "off" | "on";

/** The parts of the benchmark BENCH_ONLY can choose. */
export type Part = (typeof PARTS)[number];

const wholeNumber = (min: number) => {
  const error = `must be a whole number ≥ ${min}`;
  return z.coerce.number({ error }).int(error).min(min, error);
};

/** Node flags, separated by spaces. */
const nodeFlags = z
  .string()
  .default("")
  .transform((flags) => flags.split(" ").filter(Boolean));

/** A comma-separated list of variants (all when unset), run in ALL_VARIANTS's order. */
const names = (list: string) =>
  list
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
const variants = z
  .string()
  .optional()
  .superRefine((list, ctx) => {
    if (list === undefined) return;
    const known = `known: ${ALL_VARIANTS.join(", ")}`;
    const unknown = names(list).filter(
      (v) => !(ALL_VARIANTS as readonly string[]).includes(v),
    );
    if (unknown.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `unknown ${unknown.map((v) => `"${v}"`).join(", ")}; ${known}`,
      });
    else if (names(list).length === 0)
      ctx.addIssue({ code: "custom", message: `names no variant; ${known}` });
  })
  .transform((list): Variant[] =>
    list === undefined
      ? [...ALL_VARIANTS]
      : ALL_VARIANTS.filter((v) => names(list).includes(v)),
  );

const schema = z.object({
  BENCH_ONLY: z.enum(PARTS).optional(),
  BENCH_LOAD: z.string().optional(),
  BENCH_DURATION_MS: wholeNumber(0).default(0),
  BENCH_ROUNDS: wholeNumber(1).default(5),
  BENCH_VARIANTS: variants,
  BENCH_PRESENCE: z.enum(["off", "on", "both"]).default("both"),
  BENCH_VIEWERS_PER_PROCESS: wholeNumber(1).optional(),
  BENCH_EDITOR_PROCESSES: wholeNumber(1).optional(),
  BENCH_WARM: z.enum(["0", "1"]).default("1"),
  BENCH_SERVER_ARGS: nodeFlags,
  BENCH_OURS_ARGS: nodeFlags,
  BENCH_CLIENT_ARGS: nodeFlags,
  BENCH_RAW: z.string().optional(),
  BENCH_TRACE: z.string().optional(),
  SQLITE_SYNCHRONOUS: z.string().optional(),
});

/** What a run does; see the module's comment for the variable behind each. */
export interface BenchOptions {
  /** Only this part, or all. */
  only: Part | null;
  /** Only the loads whose name contains this, or all. */
  loadFilter: string | null;
  /** Each round's measured duration, or each load's own. */
  durationMs: number | null;
  rounds: number;
  variants: Variant[];
  /** The presence modes each load runs in (a load made for one runs only in that one). */
  presence: Presence[];
  /** At most this many viewers in one client process, or the default of each presence mode. */
  viewersPerProcess: number | null;
  /** The editors spread over this many client processes, or each load's own number. */
  editorProcesses: number | null;
  /** Whether our server warms its document code after starting, as server/main.ts does. */
  warm: boolean;
  serverArgs: string[];
  oursArgs: string[];
  clientArgs: string[];
  /** Prefix of the raw samples' files, or none. */
  raw: string | null;
  /** Prefix of the trace files, or none. */
  trace: string | null;
  /** As set for ours (which reads it from the environment it inherits), for the report. */
  sqliteSynchronous: string | null;
}

/** Thrown when a setting is invalid; the message lists every invalid one. */
export class BenchOptionsError extends Error {}

/** Parses the settings from `env`; throws BenchOptionsError listing every invalid variable. */
export function parseBenchOptions(
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== ""),
  );
  const result = schema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new BenchOptionsError(
      `Invalid benchmark settings:\n${lines.join("\n")}`,
    );
  }
  const s = result.data;
  return {
    only: s.BENCH_ONLY ?? null,
    loadFilter: s.BENCH_LOAD ?? null,
    durationMs: s.BENCH_DURATION_MS || null,
    rounds: s.BENCH_ROUNDS,
    variants: s.BENCH_VARIANTS,
    presence: s.BENCH_PRESENCE === "both" ? ["off", "on"] : [s.BENCH_PRESENCE],
    viewersPerProcess: s.BENCH_VIEWERS_PER_PROCESS ?? null,
    editorProcesses: s.BENCH_EDITOR_PROCESSES ?? null,
    warm: s.BENCH_WARM === "1",
    serverArgs: s.BENCH_SERVER_ARGS,
    oursArgs: s.BENCH_OURS_ARGS,
    clientArgs: s.BENCH_CLIENT_ARGS,
    raw: s.BENCH_RAW ?? null,
    trace: s.BENCH_TRACE ?? null,
    sqliteSynchronous: s.SQLITE_SYNCHRONOUS ?? null,
  };
}

/** Whether the run includes `part`. */
export function runsPart(options: BenchOptions, part: Part): boolean {
  return options.only === null || options.only === part;
}
