import type { Kysely, Selectable } from "kysely";
import type { Database, StoryEventsTable } from "./schema";
import { nowIso } from "./transaction";

export type StoryEventRow = Selectable<StoryEventsTable>;

export type StoryEventKind =
  | "created"
  | "transition"
  | "published"
  | "unpublished"
  | "slug-changed"
  | "search-social-changed"
  | "preview-link"
  | "embargo-set"
  | "embargo-lifted"
  | "author-added"
  | "author-removed"
  | "scheduled"
  | "restored"
  | "spiked"
  | "unspiked"
  | "approval-lapsed";

export interface NewStoryEvent {
  storyId: string;
  actorId: string | null;
  kind: StoryEventKind;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
  versionId?: string | null;
}

/** Appends to a story's audit record (inside the caller's transaction). */
export async function recordEvent(
  db: Kysely<Database>,
  event: NewStoryEvent,
): Promise<void> {
  await db
    .insertInto("story_events")
    .values({
      story_id: event.storyId,
      actor_id: event.actorId,
      kind: event.kind,
      from_status: event.fromStatus ?? null,
      to_status: event.toStatus ?? null,
      note: event.note ?? null,
      version_id: event.versionId ?? null,
      created_at: nowIso(),
    })
    .execute();
}

/** A story's audit record, oldest first. */
export async function listEvents(
  db: Kysely<Database>,
  storyId: string,
): Promise<StoryEventRow[]> {
  return db
    .selectFrom("story_events")
    .selectAll()
    .where("story_id", "=", storyId)
    .orderBy("id")
    .execute();
}

/** Who made the latest event of `kind` on a story: an actor id, or null when none is known. */
export async function latestEventActor(
  db: Kysely<Database>,
  storyId: string,
  kind: StoryEventKind,
): Promise<string | null> {
  const row = await db
    .selectFrom("story_events")
    .select("actor_id")
    .where("story_id", "=", storyId)
    .where("kind", "=", kind)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.actor_id ?? null;
}

/**
 * For each of `storyIds` whose latest move was the desk returning it (submitted → draft), the
 * note it was returned with.
 */
export async function returnNotes(
  db: Kysely<Database>,
  storyIds: readonly string[],
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (storyIds.length === 0) return notes;
  const seen = new Set<string>();
  for (let i = 0; i < storyIds.length; i += 500) {
    const rows = await db
      .selectFrom("story_events")
      .select(["story_id", "from_status", "to_status", "note"])
      .where("story_id", "in", storyIds.slice(i, i + 500))
      .where("kind", "=", "transition")
      .orderBy("id", "desc")
      .execute();
    for (const row of rows) {
      if (seen.has(row.story_id)) continue;
      seen.add(row.story_id);
      if (row.from_status === "submitted" && row.to_status === "draft")
        notes.set(row.story_id, row.note ?? "");
    }
  }
  return notes;
}
