/**
 * `npm test`: every check, in the order a failure is cheapest to find. Stops at the first failure.
 * Storage and fan-out tests also run against PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const steps: Array<[string, string, string[]]> = [
  ["route types", bin("next"), ["typegen"]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["lint", bin("eslint"), ["."]],
  ["format", bin("prettier"), ["--check", "."]],
  ["unit + integration tests", bin("vitest"), ["run"]],
  ["production build", bin("next"), ["build"]],
  ["browser journeys (Playwright)", bin("playwright"), ["test"]],
];

console.log(
  `Stores: SQLite${process.env.DATABASE_URL ? " + PostgreSQL" : ""}; fan-out: local${process.env.REDIS_URL ? " + Redis" : ""}`,
);
const started = Date.now();
for (const [name, command, args] of steps) {
  const t = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  const seconds = ((Date.now() - t) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(
  `\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`,
);
