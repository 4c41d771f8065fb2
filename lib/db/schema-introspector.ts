import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  PostgresIntrospector,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type SchemaMetadata,
  type TableMetadata,
} from "kysely";

/**
 * A PostgreSQL store lives in one schema (its search path), and introspects only that one:
 * Kysely's own introspector, which its migrator runs before every migration, reads every
 * schema's tables and their serial sequences, and fails ("schema … does not exist") when another
 * app or test file drops a schema while it reads.
 */
export class SchemaScopedKysely<DB> extends Kysely<DB> {
  override get introspection(): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(this);
  }
}

interface ColumnRow {
  table: string;
  schema: string;
  isView: boolean;
  column: string;
  dataType: string;
  dataTypeSchema: string;
  isNullable: boolean;
  hasDefault: boolean;
  isAutoIncrementing: boolean;
}

const KYSELY_TABLES = new Set([
  DEFAULT_MIGRATION_TABLE,
  DEFAULT_MIGRATION_LOCK_TABLE,
]);

/** The tables and views of the connection's current schema (the store's), with their columns. */
class CurrentSchemaIntrospector<DB> implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<DB>) {}

  getSchemas(): Promise<SchemaMetadata[]> {
    // Only names from pg_namespace: nothing there depends on a schema's contents.
    return new PostgresIntrospector(this.db).getSchemas();
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<ColumnRow>`
      select c.relname as "table", ns.nspname as "schema", c.relkind = 'v' as "isView",
        a.attname as "column", t.typname as "dataType", tns.nspname as "dataTypeSchema",
        not a.attnotnull as "isNullable", a.atthasdef as "hasDefault",
        (a.attidentity <> '' or coalesce(
          pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false)) as "isAutoIncrementing"
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
      join pg_catalog.pg_attribute a on a.attrelid = c.oid
      join pg_catalog.pg_type t on t.oid = a.atttypid
      join pg_catalog.pg_namespace tns on tns.oid = t.typnamespace
      left join pg_catalog.pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
      where ns.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
        and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`.execute(this.db);
    const tables = new Map<string, TableMetadata>();
    for (const row of rows) {
      if (!options.withInternalKyselyTables && KYSELY_TABLES.has(row.table))
        continue;
      let table = tables.get(row.table);
      if (!table) {
        table = {
          name: row.table,
          schema: row.schema,
          isView: row.isView,
          columns: [],
        };
        tables.set(row.table, table);
      }
      table.columns.push({
        name: row.column,
        dataType: row.dataType,
        dataTypeSchema: row.dataTypeSchema,
        isNullable: row.isNullable,
        hasDefaultValue: row.hasDefault,
        isAutoIncrementing: row.isAutoIncrementing,
      });
    }
    return [...tables.values()];
  }

  async getMetadata(
    options?: DatabaseMetadataOptions,
  ): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
