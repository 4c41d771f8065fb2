/**
 * `npm test`: every check, in the order a failure is cheapest to find. Stops at the first failure.
 * Storage and fan-out tests also run against PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set.
 * The production build runs beside the typecheck, lint and format checks (each of those keeps
 * one core busy at most, so the build takes the other), and its output is printed after theirs.
 * Beside the unit and integration tests instead, it only lengthened them by its own time (332 s
 * alone, 376 s with it on two cores), as both use both cores.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

type Step = [name: string, command: string, args: string[]];

/** A step, or steps run one after another with one step beside them (its output shown after). */
type Stage = Step | { steps: Step[]; beside: Step };

const stages: Stage[] = [
  ["route types", bin("next"), ["typegen"]],
  {
    steps: [
      ["typecheck", bin("tsc"), ["--noEmit"]],
      ["lint", bin("eslint"), ["."]],
      ["format", bin("prettier"), ["--check", "."]],
    ],
    beside: ["production build", bin("next"), ["build"]],
  },
  ["unit + integration tests", bin("vitest"), ["run"]],
  ["browser journeys (Playwright)", bin("playwright"), ["test"]],
];

interface Finished {
  name: string;
  status: number | null;
  seconds: string;
  output: string;
}

/** Runs a step; with `quiet`, its output is kept and returned instead of printed as it comes. */
function run([name, command, args]: Step, quiet = false): Promise<Finished> {
  const started = Date.now();
  const options: SpawnOptions = {
    cwd: root,
    env,
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  };
  return new Promise((resolve) => {
    const child = spawn(command, args, options);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (status) =>
      resolve({
        name,
        status,
        seconds: ((Date.now() - started) / 1000).toFixed(1),
        output,
      }),
    );
  });
}

function report({ name, status, seconds }: Finished): void {
  if (status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}

console.log(
  `Stores: SQLite${process.env.DATABASE_URL ? " + PostgreSQL" : ""}; fan-out: local${process.env.REDIS_URL ? " + Redis" : ""}`,
);
const started = Date.now();
for (const stage of stages) {
  if (Array.isArray(stage)) {
    console.log(`\n━━ ${stage[0]} ━━`);
    report(await run(stage));
    continue;
  }
  const background = run(stage.beside, true);
  for (const step of stage.steps) {
    console.log(`\n━━ ${step[0]} (with ${stage.beside[0]} beside it) ━━`);
    const finished = await run(step);
    // A failure stops the run; the build is waited for, not left running.
    if (finished.status !== 0) await background;
    report(finished);
  }
  const second = await background;
  console.log(`\n━━ ${second.name} ━━\n${second.output.trimEnd()}`);
  report(second);
}
console.log(
  `\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
);
