import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { SchemaScopedKysely } from "./schema-introspector";

export type StoreKind = "sqlite" | "postgres";

/** A database handle plus the dialect it speaks; `lib/db` queries take one of these. */
export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /** The PostgreSQL schema the store lives in (migrations must look only there). */
  pgSchema?: string;
  /** SQLite: the database file and its durability setting (another connection opens the same). */
  sqlite?: { file: string; synchronous: "FULL" | "NORMAL" };
  /** Closes every connection. */
  destroy(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL when set; otherwise SQLite under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves in one). Created if missing. */
  pgSchema?: string;
  /** SQLite only: FULL (default) fsyncs every commit; NORMAL, see openSqlite. */
  sqliteSynchronous?: "FULL" | "NORMAL";
}

/** Opens the store. SQLite runs in WAL mode; a commit is durable before it returns. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.pgSchema);
  return openSqlite(options.dataDir, options.sqliteSynchronous ?? "FULL");
}

function openSqlite(dataDir: string, synchronous: "FULL" | "NORMAL"): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "newsroom.db");
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  // FULL: every commit is fsynced, so an acknowledged edit survives a machine crash too.
  // NORMAL (in WAL mode): a commit is in the OS before it returns, so it survives the process
  // being killed, but not a power loss or kernel crash; the WAL is fsynced at checkpoints.
  database.pragma(`synchronous = ${synchronous}`);
  // Two processes (web app and collaboration server) share the file.
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    kind: "sqlite",
    sqlite: { file, synchronous },
    destroy: () => db.destroy(),
  };
}

// PostgreSQL int8 (count(*) etc.) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

async function openPostgres(url: string, schema?: string): Promise<Store> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new SchemaScopedKysely<Database>({
    dialect: new PostgresDialect({ pool }),
  });
  return {
    db,
    kind: "postgres",
    pgSchema: schema ?? "public",
    destroy: () => db.destroy(),
  };
}
