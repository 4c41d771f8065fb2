import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "server/**/*.test.ts",
      "app/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    pool: "forks",
    // Two test files at a time even on two cores: most of a file's time is spent waiting on
    // sockets, child servers and the stores, so one worker left a core idle (391 s vs 158 s).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { LOG_LEVEL: "warn" },
  },
});
