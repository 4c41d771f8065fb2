import { serverEnv } from "../env";
import { openStore, type Store } from "./client";
import { migrateToLatest } from "./migrations";

const globalForStore = globalThis as unknown as {
  newsroomStore?: Promise<Store>;
};

/** The process-wide store from the environment, migrated on first use. */
export function getStore(): Promise<Store> {
  globalForStore.newsroomStore ??= (async () => {
    const env = serverEnv();
    const store = await openStore({
      databaseUrl: env.DATABASE_URL,
      pgSchema: env.DATABASE_SCHEMA,
      sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
      dataDir: env.dataDir,
    });
    await migrateToLatest(store);
    return store;
  })().catch((error: unknown) => {
    globalForStore.newsroomStore = undefined;
    throw error;
  });
  return globalForStore.newsroomStore;
}
