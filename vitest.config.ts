import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Files that mock modules or set the environment before importing what reads it, and the
 * socket fuzz: each runs in a fresh process. The others share their worker's process and its
 * loaded modules, which cut the run by a fifth (309 s to 244 s on two cores), most of it
 * spent importing.
 */
const all = [
  "lib/**/*.test.ts",
  "server/**/*.test.ts",
  "app/**/*.test.ts",
  "scripts/**/*.test.ts",
];
// Project settings are merged into the root's (lists are joined): each project names its own.
const isolated = [
  "lib/auth/options.test.ts",
  "lib/auth/oidc.test.ts",
  "lib/env.test.ts",
  "server/touch-guard.test.ts",
  "app/api/users/route.test.ts",
  "app/api/uploads/route.test.ts",
  // In a worker that had run other files it stalled twice, after 1,500 and 1,900 of its
  // 10,000 steps; it passes alone. Its import is a small part of its minute.
  "server/socket-fuzz.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    pool: "forks",
    // Two test files at a time even on two cores: most of a file's time is spent waiting on
    // sockets, child servers and the stores, so one worker left a core idle (391 s vs 158 s).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { LOG_LEVEL: "warn" },
    projects: [
      { extends: true, test: { name: "isolated", include: isolated } },
      {
        extends: true,
        test: {
          name: "shared",
          include: all,
          exclude: isolated,
          isolate: false,
          setupFiles: ["./vitest.setup.ts"],
        },
      },
    ],
  },
});
