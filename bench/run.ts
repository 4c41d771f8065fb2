/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) one after another,
 * each in its own process, and prints their figures. Benchmarks measure; they never assert.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

if (benches.length === 0) {
  console.error(
    `No benchmark matches ${wanted.join(", ") || "bench/*.bench.ts"}.`,
  );
  process.exit(1);
}
const tsx = path.join(dir, "..", "node_modules", "tsx", "dist", "cli.mjs");
let failed = false;
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const result = spawnSync(process.execPath, [tsx, path.join(dir, file)], {
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
