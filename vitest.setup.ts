/**
 * Run before each test file of the "shared" project, whose files share a worker process (see
 * vitest.config.ts): every file starts from the environment the worker started with, whatever
 * the file before it set or removed (a removed DATABASE_URL left the next files on SQLite only).
 */
const key = Symbol.for("newsroom.test.environment");
const holder = globalThis as { [key]?: NodeJS.ProcessEnv };
const original = (holder[key] ??= { ...process.env });
for (const name of Object.keys(process.env))
  if (!(name in original)) delete process.env[name];
Object.assign(process.env, original);
