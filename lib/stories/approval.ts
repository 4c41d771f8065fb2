import * as Y from "yjs";
import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import { moveStory, StoryMovedError } from "../db/story-moves";
import { findStoryById, type StoryRecord } from "../db/story-rows";
import { inTransaction } from "../db/transaction";
import { findUsersByIds } from "../db/users";
import { insertVersion } from "../db/versions";
import { readersTextDigest } from "../editor/readers-text";

/** What an approval approves: the story's text as readers would get it, as a digest. */
export const approvedTextDigest = readersTextDigest;

/**
 * Saves the version an approval approves and returns it with the digest of its text, both from
 * one read of the stored document.
 */
export async function snapshotApproval(
  store: Store,
  story: StoryRecord,
  version: { name: string; actorId: string },
): Promise<{ versionId: string; digest: string }> {
  const doc = await loadStoryDoc(store, story.id);
  try {
    const saved = await insertVersion(store.db, {
      storyId: story.id,
      name: version.name,
      kind: "transition",
      status: story.status,
      createdBy: version.actorId,
      data: Y.encodeStateAsUpdate(doc),
    });
    return { versionId: saved.id, digest: approvedTextDigest(doc) };
  } finally {
    doc.destroy();
  }
}

function listNames(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? "someone")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * The approval whose text had digest `approvedDigest` lapsed because `editorIds` changed the
 * text: the story goes back to submitted (a scheduled publication is cancelled), and its record
 * says who changed it, linked to the approved version. Returns false when the story is no
 * longer under that approval (moved or approved again meanwhile).
 */
export async function lapseApproval(
  store: Store,
  storyId: string,
  approvedDigest: string,
  editorIds: readonly string[],
): Promise<boolean> {
  const editors = await findUsersByIds(store.db, [...new Set(editorIds)]);
  const names = listNames(editors.map((u) => u.name));
  try {
    return await inTransaction(store, async (db) => {
      const story = await findStoryById(db, storyId);
      if (
        story?.status !== "approved" ||
        story.approved_digest !== approvedDigest
      )
        return false;
      await moveStory(db, {
        storyId,
        from: "approved",
        to: "submitted",
        set: { scheduled_at: null, approved_digest: null },
        event: {
          kind: "approval-lapsed",
          actorId: editors[0]?.id ?? null,
          note: `Approval lapsed: changed by ${names}.`,
          versionId: story.approved_version_id,
        },
      });
      return true;
    });
  } catch (error) {
    if (error instanceof StoryMovedError) return false;
    throw error;
  }
}
