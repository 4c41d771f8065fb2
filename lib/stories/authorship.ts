import type { Store } from "../db/client";
import { loadStoryDoc } from "../db/documents";
import { storyWriters } from "../db/story-writers";
import { usersById, type UserRow } from "../db/users";
import { countWordsByWriter } from "../editor/authorship";
import { loadVisibleStory } from "./details";

/** One person's share of the body. */
export interface WriterWords {
  userId: string;
  name: string;
  words: number;
}

/** Who wrote the story's body, for the "who wrote what" view and "additional reporting by". */
export interface StoryAuthorship {
  /** Everyone with words in the body, most words first. */
  people: WriterWords[];
  /** Words nobody is known to have written here (the seed's, an import's, a restore's). */
  unattributed: number;
  /** Every client id claimed in the story and its writer: the editor colours text with them. */
  clients: Array<{ clientId: number; userId: string }>;
}

/**
 * Words by person in the story's current document, from the writers the collaboration server
 * recorded. Throws not_found for a story the actor may not see.
 */
export async function storyAuthorship(
  store: Store,
  actor: UserRow,
  storyId: string,
): Promise<StoryAuthorship> {
  await loadVisibleStory(store, actor, storyId);
  const [claims, doc] = await Promise.all([
    storyWriters(store.db, storyId),
    loadStoryDoc(store, storyId),
  ]);
  let counted;
  try {
    counted = countWordsByWriter(doc, claims);
  } finally {
    doc.destroy();
  }
  const users = await usersById(store.db, claims.values());
  const people = [...counted.words]
    .map(([userId, words]) => ({
      userId,
      name: users.get(userId)?.name ?? "Former colleague",
      words,
    }))
    .sort((a, b) => b.words - a.words);
  return {
    people,
    unattributed: counted.unattributed,
    clients: [...claims].map(([clientId, userId]) => ({ clientId, userId })),
  };
}
