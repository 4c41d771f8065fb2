import pg from "pg";
import { describe, expect, it } from "vitest";
import { envValue } from "../../env";
import { storeVariants } from "../testing";

const postgres = storeVariants().find((v) => v.name === "postgres");

describe.skipIf(!postgres)("migrations on PostgreSQL", () => {
  it("migrates a store while other schemas are being dropped (as other test files and apps do)", async () => {
    const url = envValue("DATABASE_URL")!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let churning = true;
    // Another process making and dropping schemas with serial columns, as fast as it can.
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const name = `churn_${process.pid}_${i}`;
        await admin.query(
          `CREATE SCHEMA ${name}; CREATE TABLE ${name}.t (id serial primary key)`,
        );
        await admin.query(`DROP SCHEMA ${name} CASCADE`);
      }
    })();
    let migrated = 0;
    try {
      for (let i = 0; i < 8; i++) {
        const ts = await postgres!.create();
        migrated++;
        await ts.cleanup();
      }
    } finally {
      churning = false;
      await churn;
      await admin.end();
    }
    expect(migrated).toBe(8);
  });
});
