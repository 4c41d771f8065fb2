/**
 * `npm run bench -- crash`: the SIGKILL crash test (server/crash.test.ts) with more kills than
 * CI runs: BENCH_CRASH_CYCLES (default 100) kills of a real collaboration server process while
 * four clients type, on SQLite and, with DATABASE_URL, on PostgreSQL; after every kill each
 * acknowledged edit must be in the store exactly once, and at the end every client converges.
 * Prints what was checked. CRASH_SEED reproduces a run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cycles = Number(process.env.BENCH_CRASH_CYCLES ?? 100);
const report = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-crash-")),
  "report.jsonl",
);

const run = spawnSync(
  process.execPath,
  [
    path.join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "server/crash.test.ts",
    "-t",
    "SIGKILLs",
  ],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: {
      ...process.env,
      CRASH_CYCLES: String(cycles),
      CRASH_REPORT: report,
    },
  },
);

if (run.status !== 0) {
  console.log(run.stdout, run.stderr);
  console.log(`The crash run FAILED (exit ${run.status}): see above.`);
  process.exit(1);
}

interface CrashFigures {
  store: string;
  seed: number;
  kills: number;
  typists: number;
  acknowledgedAtLastKill: number;
  acknowledgedChecks: number;
  finalEdits: number;
  seconds: number;
}
const figures = fs
  .readFileSync(report, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as CrashFigures);
console.log(JSON.stringify(figures, null, 2));
console.log(
  "\nstore     │ kills │ seed       │ acknowledged edits checked (sum over kills) │ edits at the end │ lost │ duplicated │ seconds",
);
for (const f of figures)
  console.log(
    `${f.store.padEnd(9)} │ ${String(f.kills).padStart(5)} │ ${String(f.seed).padEnd(10)} │ ${String(f.acknowledgedChecks).padStart(43)} │ ${String(f.finalEdits).padStart(16)} │    0 │          0 │ ${f.seconds}`,
  );
console.log(
  "\nA run passes only if nothing acknowledged was lost or duplicated after any kill.",
);
fs.rmSync(path.dirname(report), { recursive: true, force: true });
