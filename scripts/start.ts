/**
 * `npm start`: the demo newsroom. Prepares the store (migrations, demo seed), builds the web
 * app if no build exists, then runs the Next.js app and the collaboration server side by side
 * (scripts/supervise.ts: the collaboration server is restarted with backoff when it dies).
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  collabProcessEnv,
  EnvError,
  parseStartEnv,
  serverEnv,
} from "../lib/env";
import { supervise } from "./supervise";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

/** Parses the environment, or says what is wrong with it (every problem at once) and exits. */
function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const given = validated(() => parseStartEnv());
const dataDir = given.dataDir;
fs.mkdirSync(dataDir, { recursive: true });
// A stable secret per store, so sessions survive restarts without any setup.
let secret = given.NEXTAUTH_SECRET;
if (!secret) {
  const secretFile = path.join(dataDir, ".secret");
  if (!fs.existsSync(secretFile))
    fs.writeFileSync(secretFile, randomBytes(32).toString("hex"), {
      mode: 0o600,
    });
  secret = fs.readFileSync(secretFile, "utf8").trim();
}
const port = String(given.PORT);
const collabPort = String(given.COLLAB_PORT);
// Both children read the environment themselves: they get these defaults spelled out.
Object.assign(process.env, {
  DATA_DIR: dataDir,
  NEXTAUTH_SECRET: secret,
  PORT: port,
  COLLAB_PORT: collabPort,
  NEXTAUTH_URL: given.NEXTAUTH_URL ?? `http://localhost:${port}`,
});

const { openStoreFromEnv } = await import("../lib/db/store");
const { readDemoArticles, seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } =
  await import("../lib/stories/seed");
const { localUploadStorage } = await import("../lib/uploads/storage");

const env = validated(serverEnv);
const store = await openStoreFromEnv(env);
if (env.SEED_DEMO === "1") {
  const result = await seedDemo(
    store,
    localUploadStorage(path.join(env.dataDir, "uploads")),
    readDemoArticles(path.join(root, "content")),
  );
  if (result.seeded) {
    console.log(
      "\nSeeded the demo newsroom. Sign in with any of these accounts:",
    );
    for (const a of DEMO_ACCOUNTS)
      console.log(
        `  ${a.email.padEnd(24)} ${a.role.padEnd(9)} password: ${DEMO_PASSWORD}`,
      );
    console.log(
      `Sample article: http://localhost:${port}/news/${result.sampleSlug}` +
        ` (and ${(result.slugs?.length ?? 1) - 1} more sample stories on the front page)\n`,
    );
  }
}
await store.destroy();

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("No production build yet: running `next build` (once)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: process.env,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The collaboration server is restarted when it dies (clients reconnect and resend what is not
// stored); the web app is the newsroom: when it exits, everything stops.
const supervisor = supervise([
  {
    name: "collaboration server",
    command: process.execPath,
    // node with tsx's loader rather than the tsx CLI, which would run the server in a grandchild
    // that a SIGKILL of its parent leaves behind, holding the port.
    args: ["--import", "tsx", path.join(root, "server", "main.ts")],
    // The token key only, never NEXTAUTH_SECRET (docs/security.md).
    env: collabProcessEnv(process.env),
    restart: true,
  },
  {
    name: "web app",
    command: process.execPath,
    args: [nextBin, "start", "-p", port],
    restart: false,
  },
]);
process.on("SIGINT", () => void supervisor.stop(0));
process.on("SIGTERM", () => void supervisor.stop(0));
console.log(
  `Newsroom: http://localhost:${port}  (collaboration on port ${collabPort}, data in ${dataDir})`,
);
process.exit(await supervisor.done);
