import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import * as Y from "yjs";
import { hashPassword } from "../auth/password";
import { envValue, redactedUrl } from "../env";
import type { Role } from "../workflow/actors";
import { openStore, type Store } from "./client";
import { migrateToLatest } from "./migrations";
import { insertUser, type UserRow } from "./users";

/** A store for one test: migrated, empty, and removed by `cleanup`. */
export interface TestStore {
  store: Store;
  /** Opens another handle on the same data (a restarted process would). */
  reopen(): Promise<Store>;
  /** Environment variables that make another process open this same store. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface StoreVariant {
  name: "sqlite" | "postgres";
  create(): Promise<TestStore>;
}

/**
 * SQLite always; PostgreSQL too when DATABASE_URL is set (CI sets it; unset, the PostgreSQL
 * variant is left out, and `npm test` says which stores it runs on). A set DATABASE_URL whose
 * server does not answer fails the PostgreSQL variant's tests, saying so.
 */
export function storeVariants(): StoreVariant[] {
  const variants: StoreVariant[] = [
    { name: "sqlite", create: createSqliteTestStore },
  ];
  const url = envValue("DATABASE_URL");
  if (url)
    variants.push({
      name: "postgres",
      create: async () => {
        await postgresAnswers(url);
        return createPostgresTestStore(url);
      },
    });
  return variants;
}

let reached: Promise<void> | undefined;

/** Resolves once PostgreSQL at `url` answers (checked once a process); rejects saying what to do. */
function postgresAnswers(url: string): Promise<void> {
  reached ??= (async () => {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: 5000,
    });
    try {
      await client.connect();
      await client.query("SELECT 1");
    } catch (error) {
      throw new Error(
        `DATABASE_URL is set (${redactedUrl(url)}) but PostgreSQL does not answer there ` +
          `(${error instanceof Error ? error.message : String(error)}). ` +
          "Start PostgreSQL, or unset DATABASE_URL to test on SQLite only.",
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reached;
}

export async function createSqliteTestStore(): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-test-"));
  const store = await openStore({ dataDir });
  await migrateToLatest(store);
  const handles = [store];
  return {
    store,
    env: { DATA_DIR: dataDir, DATABASE_URL: "", DATABASE_SCHEMA: "" },
    reopen: async () => {
      const s = await openStore({ dataDir });
      handles.push(s);
      return s;
    },
    cleanup: async () => {
      for (const h of handles) await h.destroy().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgresTestStore(url: string): Promise<TestStore> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const store = await openStore({
    databaseUrl: url,
    dataDir: os.tmpdir(),
    pgSchema: schema,
  });
  await migrateToLatest(store);
  const handles = [store];
  return {
    store,
    env: { DATA_DIR: os.tmpdir(), DATABASE_URL: url, DATABASE_SCHEMA: schema },
    reopen: async () => {
      const s = await openStore({
        databaseUrl: url,
        dataDir: os.tmpdir(),
        pgSchema: schema,
      });
      handles.push(s);
      return s;
    },
    cleanup: async () => {
      for (const h of handles) await h.destroy().catch(() => undefined);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

let cachedHash: Promise<string> | undefined;

/** Inserts a user with password "password" (hashed once per test process). */
export async function createTestUser(
  store: Store,
  role: Role,
  name = `${role} ${randomBytes(3).toString("hex")}`,
): Promise<UserRow> {
  cachedHash ??= hashPassword("password");
  return insertUser(store.db, {
    email: `${name.replace(/\s+/g, ".").toLowerCase()}@test.example`,
    name,
    role,
    passwordHash: await cachedHash,
  });
}

/** Appends a paragraph of `text` to the body of `doc`; returns the update that did it. */
export function paragraphUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const body = doc.getXmlFragment("body");
  body.insert(body.length, [p]);
  return Y.encodeStateAsUpdate(doc, before);
}
