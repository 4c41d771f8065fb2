import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The newsrooms of an e2e run: one per Playwright worker, each on its own ports and its own
 * fresh store with the demo seed, so journeys running at once never see each other's stories,
 * sign-in limits or inboxes. Read by playwright.config.ts (which starts them) and by the
 * `newsroom` fixture (which points each worker's tests at its own).
 */

/**
 * Journeys at once: one per two cores, as one journey keeps about 80 % of two cores busy (its
 * browser and its newsroom). On two cores two workers took 551–579 s against 585–592 s for one,
 * with every core saturated (docs/testing.md); E2E_WORKERS sets it.
 */
export const WORKERS = Number(
  process.env.E2E_WORKERS ??
    Math.max(1, Math.floor(os.availableParallelism() / 2)),
);
const basePort = Number(process.env.E2E_PORT ?? 3210);
const baseCollabPort = Number(process.env.E2E_COLLAB_PORT ?? 1434);
/** Ports of newsroom i are the base ports plus i × this. */
const PORT_STRIDE = 10;
/** The test OpenID Connect provider (e2e/oidc-provider.ts) every newsroom offers sign-on with. */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? basePort + 2);

// A fresh directory per run, holding one store per newsroom. Workers load the config again:
// they inherit the directory through the environment instead of making another.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(
  path.join(os.tmpdir(), "newsroom-e2e-"),
);
const dataRoot = process.env.E2E_DATA_DIR;

export interface Newsroom {
  url: string;
  port: number;
  collabPort: number;
  /** Its store's directory: tests open it to set up what the UI cannot (a slug change). */
  dataDir: string;
}

export function newsroom(index: number): Newsroom {
  const port = basePort + index * PORT_STRIDE;
  return {
    url: `http://localhost:${port}`,
    port,
    collabPort: baseCollabPort + index * PORT_STRIDE,
    dataDir: path.join(dataRoot, `newsroom-${index}`),
  };
}

export const newsrooms: Newsroom[] = Array.from({ length: WORKERS }, (_, i) =>
  newsroom(i),
);
