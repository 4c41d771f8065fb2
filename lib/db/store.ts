import { serverEnv, type ServerEnv } from "../env";
import { openStore, type Store } from "./client";
import { migrateToLatest } from "./migrations";

const globalForStore = globalThis as unknown as {
  newsroomStore?: Promise<Store>;
};

/** Opens the store the environment names (SQLite or PostgreSQL) and migrates it to the latest. */
export async function openStoreFromEnv(
  env: Omit<ServerEnv, "NEXTAUTH_SECRET"> = serverEnv(),
): Promise<Store> {
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    pgSchema: env.DATABASE_SCHEMA,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    dataDir: env.dataDir,
  });
  await migrateToLatest(store);
  return store;
}

/** The process-wide store from the environment, migrated on first use. */
export function getStore(): Promise<Store> {
  globalForStore.newsroomStore ??= openStoreFromEnv().catch(
    (error: unknown) => {
      globalForStore.newsroomStore = undefined;
      throw error;
    },
  );
  return globalForStore.newsroomStore;
}
