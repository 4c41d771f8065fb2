/**
 * Site benchmark: requests per second and latency percentiles of the home page and an article
 * page under concurrent keep-alive load on loopback, next to a static file (a CSS chunk under
 * /_next/static) served by the same Next.js server — the ceiling — so the ratio is visible.
 *
 * Starts its own newsroom (the production build, `scripts/start.ts`, a temporary DATA_DIR with
 * the demo seed, free ports) and stops it at the end. Bounded: BENCH_SECONDS per target
 * (default 10) after a 2 s warm-up, BENCH_CONNECTIONS concurrent connections (default 32).
 */
import http from "node:http";
import os from "node:os";
import { startSiteServer } from "./site-server";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
// A browser's User-Agent: the measured path includes counting the view, as for a reader.
const userAgent =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

function get(
  agent: http.Agent,
  port: number,
  pathname: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        agent,
        headers: { "user-agent": userAgent, accept: "text/html,*/*" },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]!;
}

/** `connections` loops requesting `pathname` back to back for `durationMs`. */
async function load(
  port: number,
  pathname: string,
  durationMs: number,
): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          const { status } = await get(agent, port, pathname);
          if (status !== 200) errors++;
          else latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  return { latencies, errors, elapsed };
}

async function measure(
  port: number,
  name: string,
  pathname: string,
): Promise<Result> {
  await load(port, pathname, 2000);
  const { latencies, errors, elapsed } = await load(
    port,
    pathname,
    seconds * 1000,
  );
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / (elapsed / 1000),
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
}

async function main(): Promise<void> {
  const { port, home, stop } = await startSiteServer();
  try {
    const article = /href="(\/news\/[a-z0-9-]+)"/.exec(home)?.[1];
    const css = /href="(\/_next\/static\/[^"]+\.css)"/.exec(home)?.[1];
    if (!article || !css)
      throw new Error("no article link or stylesheet on the home page");

    console.log(
      `Site benchmark: ${connections} connections, ${seconds} s per target after a 2 s warm-up, loopback, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}`,
    );
    const results = [
      await measure(port, "static file (ceiling)", css),
      await measure(port, "home page /", "/"),
      await measure(port, `article ${article}`, article),
    ];
    const ceiling = results[0]!.rps;
    const rows = results.map((r) => [
      r.name.length > 48 ? `${r.name.slice(0, 47)}…` : r.name,
      r.rps.toFixed(0),
      `${((r.rps / ceiling) * 100).toFixed(1)}%`,
      r.p50.toFixed(1),
      r.p90.toFixed(1),
      r.p99.toFixed(1),
      r.max.toFixed(1),
      String(r.errors),
    ]);
    const header = [
      "target",
      "req/s",
      "of static",
      "p50 ms",
      "p90 ms",
      "p99 ms",
      "max ms",
      "errors",
    ];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => r[i]!.length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) =>
          i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!),
        )
        .join("  ");
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
