/**
 * `npm start`: the demo newsroom. Prepares the store (migrations, demo seed), builds the web
 * app if no build exists, then runs the Next.js app and the collaboration server side by side.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
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
const { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } =
  await import("../lib/stories/seed");
const { localUploadStorage } = await import("../lib/uploads/storage");

const env = validated(serverEnv);
const store = await openStoreFromEnv(env);
if (env.SEED_DEMO === "1") {
  const sample = fs.readFileSync(
    path.join(root, "content", "sample-article.md"),
    "utf8",
  );
  const result = await seedDemo(
    store,
    localUploadStorage(path.join(env.dataDir, "uploads")),
    sample,
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
      `Sample article: http://localhost:${port}/news/${result.sampleSlug}\n`,
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

const children: ChildProcess[] = [];
let exiting = false;
function run(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const child = spawn(process.execPath, args, { stdio: "inherit", env });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (exiting) return;
    console.error(`${name} exited (${signal ?? code}); stopping the newsroom.`);
    shutdown(code ?? 1);
  });
}
function shutdown(code: number): void {
  exiting = true;
  for (const child of children)
    if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(
    children.map((c) =>
      c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null,
    ),
  ).then(() => process.exit(code));
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

const tsxCli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
// The collaboration process gets the token key, never NEXTAUTH_SECRET (docs/security.md).
run(
  "collaboration server",
  [tsxCli, path.join(root, "server", "main.ts")],
  collabProcessEnv(process.env),
);
run("web app", [nextBin, "start", "-p", port]);
console.log(
  `Newsroom: http://localhost:${port}  (collaboration on port ${collabPort}, data in ${dataDir})`,
);
