import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
} from "kysely";
import type { Store, StoreKind } from "../client";
import { initialSchema } from "./001-initial";
import { editorSchema } from "./002-editor";
import { workflowSchema } from "./003-workflow";
import { siteSchema } from "./004-site";
import { attemptCountersSchema } from "./005-attempt-counters";
import { sessionGenerationsSchema } from "./006-session-generations";
import { peopleSchema } from "./007-people";
import { revisionTagsSchema } from "./008-revision-tags";
import { correctionsSchema } from "./009-corrections";
import { notificationsSchema } from "./010-notifications";
import { searchSocialSchema } from "./011-search-social";
import { embargoSchema } from "./012-embargo";
import { spikeSchema } from "./013-spike";
import { planningSchema } from "./014-planning";
import { approvalSchema } from "./015-approval";
import { mailDigestsSchema } from "./016-mail-digests";
import { ssoSchema } from "./017-sso";
import { authorshipSchema } from "./018-authorship";

/** Every migration, in order. The same list runs on SQLite and PostgreSQL. */
export function allMigrations(kind: StoreKind): Record<string, Migration> {
  return {
    "001-initial": initialSchema(kind),
    "002-editor": editorSchema,
    "003-workflow": workflowSchema(kind),
    "004-site": siteSchema(kind),
    "005-attempt-counters": attemptCountersSchema,
    "006-session-generations": sessionGenerationsSchema,
    "007-people": peopleSchema,
    "008-revision-tags": revisionTagsSchema,
    "009-corrections": correctionsSchema(kind),
    "010-notifications": notificationsSchema,
    "011-search-social": searchSocialSchema,
    "012-embargo": embargoSchema,
    "013-spike": spikeSchema,
    "014-planning": planningSchema,
    "015-approval": approvalSchema,
    "016-mail-digests": mailDigestsSchema,
    "017-sso": ssoSchema,
    "018-authorship": authorshipSchema,
  };
}

class InlineProvider implements MigrationProvider {
  constructor(private readonly kind: StoreKind) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return allMigrations(this.kind);
  }
}

/** Brings the store's schema up to date; throws if any migration fails. */
export async function migrateToLatest(store: Store): Promise<void> {
  // Kysely's migrator is typed for any database shape.
  const migrator = new Migrator({
    db: store.db as Kysely<unknown>,
    provider: new InlineProvider(store.kind),
    // Migrations are named NNN-topic; work on parallel branches may land out of order.
    allowUnorderedMigrations: true,
    // Without a schema Kysely finds the migration tables of any schema in the database.
    ...(store.pgSchema ? { migrationTableSchema: store.pgSchema } : {}),
  });
  // On PostgreSQL the store introspects its own schema only (lib/db/schema-introspector.ts), so
  // other schemas dropped meanwhile, by other apps or test files, do not fail the migrator.
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? "");
    throw new Error(
      `Migration ${failed?.migrationName ?? ""} failed: ${cause}`,
    );
  }
}
