/**
 * Site vitals: largest contentful paint (LCP) and cumulative layout shift (CLS) of the home page,
 * a section front and an article, at phone width (390 × 844, touch, 3× pixels) and desktop width
 * (1280 × 900), in Chromium (`/usr/bin/chromium` or PLAYWRIGHT_CHROMIUM_EXECUTABLE) without
 * network or CPU throttling, against a newsroom of its own (bench/site-server.ts, demo seed).
 * Each page is loaded BENCH_RUNS times (default 5) in a fresh context (cold browser cache);
 * printed: LCP median and worst, CLS worst. BENCH_VERBOSE=1 lists the elements that shifted.
 */
import os from "node:os";
import { chromium, type BrowserContextOptions } from "@playwright/test";
import { observeVitals, readVitals } from "../e2e/vitals";
import { startSiteServer } from "./site-server";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const verbose = process.env.BENCH_VERBOSE === "1";

const WIDTHS: Array<[string, BrowserContextOptions]> = [
  [
    "phone 390",
    {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    },
  ],
  ["desktop 1280", { viewport: { width: 1280, height: 900 } }],
];

async function main(): Promise<void> {
  const { port, home, stop } = await startSiteServer();
  const browser = await chromium.launch({
    executablePath:
      process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const article = /href="(\/news\/[a-z0-9-]+)"/.exec(home)?.[1];
    const section = /href="(\/section\/[a-z0-9-]+)"/.exec(home)?.[1];
    if (!article || !section)
      throw new Error("no article or section link on the home page");
    const pages: Array<[string, string]> = [
      ["home /", "/"],
      [`section ${section}`, section],
      [`article`, article],
    ];
    console.log(
      `Site vitals: ${runs} cold loads per page and width, Chromium, loopback, no throttling, ${os.cpus().length} CPU(s)`,
    );
    const rows: string[][] = [];
    for (const [pageName, pathname] of pages)
      for (const [widthName, options] of WIDTHS) {
        const lcps: number[] = [];
        let worstCls = 0;
        for (let i = 0; i < runs; i++) {
          const context = await browser.newContext(options);
          await observeVitals(context);
          const page = await context.newPage();
          await page.goto(`http://localhost:${port}${pathname}`, {
            waitUntil: "load",
          });
          // Not "networkidle": the router's link prefetches can keep the network busy for
          // seconds. Hydration and late images settle within this second and a half.
          await page.waitForTimeout(1500);
          const vitals = await readVitals(page);
          lcps.push(vitals.lcp);
          worstCls = Math.max(worstCls, vitals.cls);
          if (verbose && vitals.shifts.length)
            console.log(pageName, widthName, JSON.stringify(vitals.shifts));
          await context.close();
        }
        lcps.sort((a, b) => a - b);
        rows.push([
          pageName,
          widthName,
          lcps[Math.floor(lcps.length / 2)]!.toFixed(0),
          lcps.at(-1)!.toFixed(0),
          worstCls.toFixed(3),
        ]);
      }
    const header = ["page", "width", "LCP p50 ms", "LCP max ms", "CLS max"];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => r[i]!.length)),
    );
    const line = (cells: string[]) =>
      cells
        .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join("  ");
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
