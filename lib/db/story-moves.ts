import type { Kysely, Updateable } from "kysely";
import { AppError } from "../errors";
import type { StoryStatus } from "../workflow/states";
import { bumpContentVersion } from "./content-version";
import { recordEvent, type StoryEventKind } from "./events";
import type { Database, StoriesTable } from "./schema";
import { nowIso } from "./transaction";

/** Columns of `stories` a move may set besides its status. */
export type StoryMoveColumns = Pick<
  Updateable<StoriesTable>,
  | "slug"
  | "slug_custom"
  | "headline"
  | "section"
  | "live_revision_id"
  | "first_published_at"
  | "scheduled_at"
  | "seo_title"
  | "social_headline"
  | "social_description"
  | "embargo_until"
  | "approved_digest"
  | "approved_version_id"
>;

/** The columns of `stories` the public site reads (with the live revision's own content). */
const SITE_COLUMNS = [
  "slug",
  "live_revision_id",
  "first_published_at",
  // The site's reads leave out an embargoed story (belt and braces: a live story takes none).
  "embargo_until",
] as const satisfies ReadonlyArray<keyof StoryMoveColumns>;

/** One change of a story's state, as `moveStory` applies it. */
export interface StoryMove {
  storyId: string;
  /** The status the caller decided in: the move is refused when the story is no longer in it. */
  from: StoryStatus;
  /** The status the story takes; omitted, it keeps `from`. */
  to?: StoryStatus;
  /** Other columns to change. */
  set?: StoryMoveColumns;
  /** When the move happens (ISO; default now): the story's `updated_at`. */
  at?: string;
  /**
   * What the story's record says. Its statuses default to `from` → `to` for a status move and
   * to none otherwise.
   */
  event: {
    kind: StoryEventKind;
    actorId: string | null;
    note?: string | null;
    fromStatus?: StoryStatus | null;
    toStatus?: StoryStatus | null;
    /** The version the event refers to. */
    versionId?: string | null;
  };
}

/** The message of every refused move: the story moved on since the caller looked at it. */
export const STORY_MOVED_MESSAGE =
  "The story changed state meanwhile; reload and try again.";

/** A move refused because the story is no longer in the status it was decided in (409). */
export class StoryMovedError extends AppError {
  constructor() {
    super("conflict", STORY_MOVED_MESSAGE);
    this.name = "StoryMovedError";
  }
}

/**
 * The one way a story's state changes, inside the caller's transaction: applies `move` only if
 * the story is still in `move.from` (two editors acting at once cannot both move it), bumps its
 * `access_version` when a status is set (even the same one, as a republication does: the
 * collaboration server re-decides its sockets), bumps the site's content version when a column
 * the site reads changes, and records the event. Throws StoryMovedError (conflict) when the
 * story is no longer in `from` or does not exist; the store's unique violation when `set.slug`
 * is taken.
 */
export async function moveStory(
  db: Kysely<Database>,
  move: StoryMove,
): Promise<void> {
  const set = move.set ?? {};
  const statusMove = move.to !== undefined;
  const result = await db
    .updateTable("stories")
    .set((eb) => ({
      ...set,
      ...(statusMove
        ? { status: move.to, access_version: eb("access_version", "+", 1) }
        : {}),
      updated_at: move.at ?? nowIso(),
    }))
    .where("id", "=", move.storyId)
    .where("status", "=", move.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new StoryMovedError();
  if (SITE_COLUMNS.some((column) => set[column] !== undefined))
    await bumpContentVersion(db);
  await recordEvent(db, {
    storyId: move.storyId,
    actorId: move.event.actorId,
    kind: move.event.kind,
    fromStatus: move.event.fromStatus ?? (statusMove ? move.from : null),
    toStatus: move.event.toStatus ?? move.to ?? null,
    note: move.event.note ?? null,
    versionId: move.event.versionId ?? null,
  });
}
