import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import * as Y from "yjs";
import type { Store } from "./client";
import { loadStoryDoc } from "./documents";
import type { StoryRecord } from "./story-rows";
import type { StoryStatus } from "../workflow/states";
import type { Database, StoryVersionsTable } from "./schema";
import { orderedNowIso } from "./transaction";

export type VersionRow = Selectable<StoryVersionsTable>;
export type VersionSummary = Omit<VersionRow, "data">;

export interface NewVersion {
  storyId: string;
  name: string;
  kind: VersionRow["kind"];
  status: StoryStatus;
  createdBy: string | null;
  data: Uint8Array;
}

/** Stores a version of a story's document (inside the caller's transaction or not). */
export async function insertVersion(
  db: Kysely<Database>,
  version: NewVersion,
): Promise<VersionSummary> {
  const row: VersionRow = {
    id: randomUUID(),
    story_id: version.storyId,
    name: version.name.trim().slice(0, 120),
    kind: version.kind,
    status: version.status,
    created_by: version.createdBy,
    created_at: orderedNowIso(),
    data: version.data,
  };
  await db.insertInto("story_versions").values(row).execute();
  const { data: _data, ...summary } = row;
  return summary;
}

/** A story's versions, newest first, without their contents. */
export async function listVersions(
  db: Kysely<Database>,
  storyId: string,
): Promise<VersionSummary[]> {
  return db
    .selectFrom("story_versions")
    .select([
      "id",
      "story_id",
      "name",
      "kind",
      "status",
      "created_by",
      "created_at",
    ])
    .where("story_id", "=", storyId)
    .orderBy("created_at", "desc")
    .execute();
}

/** One version with its contents, if it belongs to `storyId`. */
export async function findVersion(
  db: Kysely<Database>,
  storyId: string,
  versionId: string,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom("story_versions")
    .selectAll()
    .where("story_id", "=", storyId)
    .where("id", "=", versionId)
    .executeTakeFirst();
}

/** Saves the stored document of `story` as a version. */
export async function snapshotStory(
  store: Store,
  story: StoryRecord,
  version: {
    name: string;
    kind: VersionSummary["kind"];
    actorId: string | null;
  },
): Promise<VersionSummary> {
  const doc = await loadStoryDoc(store, story.id);
  const data = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return insertVersion(store.db, {
    storyId: story.id,
    name: version.name,
    kind: version.kind,
    status: story.status,
    createdBy: version.actorId,
    data,
  });
}

/** The newest version of a story saved at or before `at` (ISO time), with its contents. */
export async function findVersionAsOf(
  db: Kysely<Database>,
  storyId: string,
  at: string,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom("story_versions")
    .selectAll()
    .where("story_id", "=", storyId)
    .where("created_at", "<=", at)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}
