/**
 * `npm test`: every check, in the order a failure is cheapest to find. Stops at the first failure.
 * Storage and fan-out tests also run against PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set.
 * The production build runs beside the unit and integration tests (their files wait on sockets and
 * child servers much of the time; on two cores 158 s together, 203 s one after the other), and
 * its output is printed after theirs.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

type Step = [name: string, command: string, args: string[]];

const steps: Array<Step | [Step, Step]> = [
  ["route types", bin("next"), ["typegen"]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
  [
    ["unit + integration tests", bin("vitest"), ["run"]],
    ["production build", bin("next"), ["build"]],
  ],
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
for (const step of steps) {
  if (typeof step[0] === "string") {
    console.log(`\n━━ ${step[0]} ━━`);
    report(await run(step as Step));
    continue;
  }
  const [shown, beside] = step as [Step, Step];
  console.log(`\n━━ ${shown[0]} (with ${beside[0]} beside it) ━━`);
  const background = run(beside, true);
  const first = await run(shown);
  const second = await background;
  report(first);
  console.log(`\n━━ ${second.name} ━━\n${second.output.trimEnd()}`);
  report(second);
}
console.log(
  `\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
);
