import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { StoryAccess } from "../workflow/permissions";
import type { StoryStatus } from "../workflow/states";
import type { Store } from "./client";
import { insertDocumentUpdates } from "./documents";
import { recordEvent } from "./events";
import type { Database, StoriesTable } from "./schema";
import { slugForHeadline, withSuffix } from "./slug";
import { inTransaction, isUniqueViolation, orderedNowIso } from "./transaction";
import type { UserRow } from "./users";

export type StoryRow = Selectable<StoriesTable>;

/** A story row with the ids of its authors. */
export interface StoryRecord extends StoryRow, StoryAccess {
  authorIds: string[];
}

export async function findStoryById(
  db: Kysely<Database>,
  id: string,
): Promise<StoryRecord | undefined> {
  const row = await db
    .selectFrom("stories")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const authors = await db
    .selectFrom("story_authors")
    .select("user_id")
    .where("story_id", "=", id)
    .orderBy("added_at")
    .execute();
  return { ...row, authorIds: authors.map((a) => a.user_id) };
}

export interface StoryListFilter {
  status?: StoryStatus;
  authorId?: string;
  query?: string;
  limit?: number;
  /** Spiked stories only (left out otherwise). */
  spiked?: boolean;
}

/** Stories, most recently changed first, with their authors. */
export async function listStories(
  db: Kysely<Database>,
  filter: StoryListFilter = {},
): Promise<StoryRecord[]> {
  let q = db
    .selectFrom("stories")
    .selectAll("stories")
    .where("spiked_at", filter.spiked ? "is not" : "is", null);
  if (filter.status) q = q.where("status", "=", filter.status);
  if (filter.authorId) {
    const authorId = filter.authorId;
    q = q.where("id", "in", (eb) =>
      eb
        .selectFrom("story_authors")
        .select("story_id")
        .where("user_id", "=", authorId),
    );
  }
  if (filter.query) {
    const pattern = `%${filter.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb(eb.fn("lower", ["headline"]), "like", pattern));
  }
  const rows = await q
    .orderBy("updated_at", "desc")
    .limit(filter.limit ?? 200)
    .execute();
  if (rows.length === 0) return [];
  const authors = await db
    .selectFrom("story_authors")
    .select(["story_id", "user_id"])
    .where(
      "story_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("added_at")
    .execute();
  return rows.map((row) => ({
    ...row,
    authorIds: authors
      .filter((a) => a.story_id === row.id)
      .map((a) => a.user_id),
  }));
}

export interface NewStory {
  author: UserRow;
  headline: string;
  /** The story's first Y.Doc state, written exactly once, here. */
  initialDocument: Uint8Array;
  /** Words in the initial body (the collaboration server keeps it current afterwards). */
  wordCount?: number;
  section?: string | null;
}

/**
 * Creates a story, its first author and its initial document in one commit.
 * The slug derives from the headline and is made unique.
 */
export async function createStory(
  store: Store,
  input: NewStory,
): Promise<StoryRecord> {
  const id = randomUUID();
  const base = slugForHeadline(input.headline, id);
  for (let attempt = 0; attempt < 8; attempt++) {
    const slug = attempt === 0 ? base : withSuffix(base);
    // Ordered: its first author comes before any co-author added in the same millisecond.
    const now = orderedNowIso();
    const row: StoryRow = {
      id,
      slug,
      status: "draft",
      headline: input.headline.trim(),
      section: input.section ?? null,
      created_by: input.author.id,
      created_at: now,
      updated_at: now,
      first_published_at: null,
      live_revision_id: null,
      slug_custom: 0,
      scheduled_at: null,
      access_version: 0,
      word_count: input.wordCount ?? 0,
      spiked_at: null,
      spiked_by: null,
      assignee_id: null,
      due_at: null,
      target_words: null,
      seo_title: null,
      social_headline: null,
      social_description: null,
      embargo_until: null,
      approved_digest: null,
      approved_version_id: null,
    };
    try {
      await inTransaction(store, async (db) => {
        await db.insertInto("stories").values(row).execute();
        await db
          .insertInto("story_authors")
          .values({ story_id: id, user_id: input.author.id, added_at: now })
          .execute();
        await insertDocumentUpdates(db, id, [input.initialDocument]);
        await recordEvent(db, {
          storyId: id,
          actorId: input.author.id,
          kind: "created",
          toStatus: "draft",
        });
      });
      return { ...row, authorIds: [input.author.id] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("Could not find a free slug");
}

/** Adds a co-author; returns false when they already were one. */
export async function addStoryAuthor(
  db: Kysely<Database>,
  storyId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .insertInto("story_authors")
    .values({
      story_id: storyId,
      user_id: userId,
      added_at: orderedNowIso(),
    })
    .onConflict((oc) => oc.columns(["story_id", "user_id"]).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) await bumpAccessVersion(db, storyId);
  return added;
}

/** Removes a co-author; returns false when they were not one. */
export async function removeStoryAuthor(
  db: Kysely<Database>,
  storyId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom("story_authors")
    .where("story_id", "=", storyId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const removed = Number(result.numDeletedRows) > 0;
  // Open sockets of a removed co-author are closed when the collaboration server sees this.
  if (removed) await bumpAccessVersion(db, storyId);
  return removed;
}

/** Marks that who may edit the story changed; the collaboration server re-checks its sockets. */
async function bumpAccessVersion(
  db: Kysely<Database>,
  storyId: string,
): Promise<void> {
  await db
    .updateTable("stories")
    .set((eb) => ({ access_version: eb("access_version", "+", 1) }))
    .where("id", "=", storyId)
    .execute();
}

/**
 * The `access_version` of each story of `ids` that exists (see `moveStory`), 500 ids per
 * statement: the collaboration server reads those of all its open stories now and then, the
 * backstop for changes it was not told of (server/access.ts).
 */
export async function readAccessVersions(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("stories")
      .select(["id", "access_version"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const row of rows) versions.set(row.id, row.access_version);
  }
  return versions;
}

/** The ids of approved stories whose scheduled publication is due at `now`. */
export async function listDueStoryIds(
  db: Kysely<Database>,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom("stories")
    .select("id")
    .where("status", "=", "approved")
    .where("scheduled_at", "is not", null)
    .where("scheduled_at", "<=", now.toISOString())
    .execute();
  return rows.map((row) => row.id);
}
