import { defineConfig, devices } from "@playwright/test";
import { newsrooms, OIDC_PORT, WORKERS } from "./e2e/newsrooms";
import { SSO_CLIENT, SSO_NAME } from "./e2e/sso-people";

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
  // Files are spread over the workers; a file's tests run in order, in one worker.
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    // No baseURL here: each worker's tests get their own newsroom's (e2e/journey.ts).
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
  // Started one after another: a newsroom builds the app first when there is no build, and
  // the next finds it built.
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/oidc-provider.ts",
      url: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        E2E_OIDC_PORT: String(OIDC_PORT),
        E2E_APP_PORTS: newsrooms.map((n) => n.port).join(","),
      },
    },
    ...newsrooms.map((newsroom) => ({
      command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
      url: `${newsroom.url}/`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe" as const,
      env: {
        DATA_DIR: newsroom.dataDir,
        PORT: String(newsroom.port),
        COLLAB_PORT: String(newsroom.collabPort),
        // Any free port: several suites may run on one machine at once.
        COLLAB_METRICS_PORT: "0",
        NEXTAUTH_URL: newsroom.url,
        SEED_DEMO: "1",
        // Scheduled publication is checked every second so the journey need not wait a minute.
        SCHEDULER_INTERVAL_MS: "1000",
        // The suite always runs on its own SQLite store, even when CI exports DATABASE_URL/REDIS_URL.
        DATABASE_URL: "",
        REDIS_URL: "",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: `http://localhost:${OIDC_PORT}`,
        OIDC_CLIENT_ID: SSO_CLIENT.clientId,
        OIDC_CLIENT_SECRET: SSO_CLIENT.clientSecret,
        OIDC_NAME: SSO_NAME,
      },
    })),
  ],
});
