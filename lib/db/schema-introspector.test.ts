import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeVariants, type TestStore } from "./testing";

const postgres = storeVariants().find((v) => v.name === "postgres");

describe.skipIf(!postgres)("a PostgreSQL store's introspection", () => {
  let a: TestStore;
  let b: TestStore;
  beforeAll(async () => {
    a = await postgres!.create();
    b = await postgres!.create();
  });
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  it("lists its own schema's tables with their columns, and no other schema's", async () => {
    const schema = a.env.DATABASE_SCHEMA;
    const other = b.env.DATABASE_SCHEMA;
    const tables = await a.store.db.introspection.getTables();
    expect(tables.length).toBeGreaterThan(10);
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([schema]));
    expect(tables.map((t) => t.schema)).not.toContain(other);
    const stories = tables.find((t) => t.name === "stories")!;
    const id = stories.columns.find((c) => c.name === "id")!;
    expect(id).toMatchObject({ isNullable: false, isAutoIncrementing: false });
    const headline = stories.columns.find((c) => c.name === "headline")!;
    expect(headline.dataType).toBe("text");
    // A serial column (the update log's sequence number) counts as auto-incrementing.
    const log = tables.find((t) => t.name === "document_updates")!;
    expect(log.columns.find((c) => c.isAutoIncrementing)).toBeDefined();
  });

  it("leaves out Kysely's migration tables unless asked for them", async () => {
    const names = async (withInternalKyselyTables: boolean) =>
      (
        await a.store.db.introspection.getTables({ withInternalKyselyTables })
      ).map((t) => t.name);
    expect(await names(false)).not.toContain("kysely_migration");
    expect(await names(true)).toEqual(
      expect.arrayContaining(["kysely_migration", "kysely_migration_lock"]),
    );
  });
});
