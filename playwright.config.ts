import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { SSO_CLIENT, SSO_NAME } from "./e2e/sso-people";

const port = Number(process.env.E2E_PORT ?? 3210);
const collabPort = Number(process.env.E2E_COLLAB_PORT ?? 1434);
// The test OpenID Connect provider (e2e/oidc-provider.ts) the app offers single sign-on with.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 2);
// A fresh store for every run: the suite starts from the demo seed of an empty newsroom.
const dataDir =
  process.env.E2E_DATA_DIR ??
  fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-e2e-"));
// Workers load this file again: they inherit the directory instead of making another, so tests
// can open the server's store (e.g. to set up a slug change the UI cannot make yet).
process.env.E2E_DATA_DIR = dataDir;
const chromium =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? "/usr/bin/chromium";

/**
 * Chromium 156 gives every window (each browser context) two renderers for its omnibox popup;
 * nobody sees it headless, and starting them made the journeys 27 % slower on two cores.
 * Chromium reads only the last --disable-features, so Playwright's own list is repeated.
 */
const disabledFeatures = [
  "WebUIOmniboxPopup",
  "WebUIOmniboxAimPopup",
  "WebUIOmniboxFullPopup",
  // Playwright 1.6x's (chromiumSwitches.ts).
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
];

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    // Recording a trace costs about a third of a journey's time on two cores, and CI keeps none:
    // E2E_TRACE=1 records them (kept for failures) when debugging here.
    trace: process.env.E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--disable-features=${disabledFeatures.join(",")}`,
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/oidc-provider.ts",
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_OIDC_PORT: String(oidcPort), E2E_PORT: String(port) },
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
      url: `http://localhost:${port}/`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        DATA_DIR: dataDir,
        PORT: String(port),
        COLLAB_PORT: String(collabPort),
        // Any free port: several suites may run on one machine at once.
        COLLAB_METRICS_PORT: "0",
        NEXTAUTH_URL: `http://localhost:${port}`,
        SEED_DEMO: "1",
        // Scheduled publication is checked every second so the journey need not wait a minute.
        SCHEDULER_INTERVAL_MS: "1000",
        // The suite always runs on its own SQLite store, even when CI exports DATABASE_URL/REDIS_URL.
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: `http://localhost:${oidcPort}`,
        OIDC_CLIENT_ID: SSO_CLIENT.clientId,
        OIDC_CLIENT_SECRET: SSO_CLIENT.clientSecret,
        OIDC_NAME: SSO_NAME,
      },
    },
  ],
});
