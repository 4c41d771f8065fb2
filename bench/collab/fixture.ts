/**
 * What every part of the collaboration benchmark shares: a store in a temporary directory (the
 * one ours serves), two accounts, the sample-sized story and tokens for it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { signCollabToken } from "../../lib/collab/token";
import { openStore, type Store } from "../../lib/db/client";
import { migrateToLatest } from "../../lib/db/migrations";
import { createStory } from "../../lib/db/story-rows";
import { createTestUser } from "../../lib/db/testing";
import type { UserRow } from "../../lib/db/users";
import { encodeInitialStoryDocument } from "../../lib/editor/story-document";

/** The COLLAB_TOKEN_SECRET ours runs with, which signs its collaboration tokens. */
export const SECRET = "bench-secret-that-is-long-enough-for-hmac-signing";

const PARAGRAPHS = 20;

/** Ours: stories in the store; the reference: pushed by the first client, from `seed`. */
export interface Fixture {
  store: Store;
  author: UserRow;
  viewer: UserRow;
  dataDir: string;
  /** The sample-sized story content, as one update (the reference's stories start from it). */
  seed: Uint8Array;
}

/** A sample-sized story: a headline and twenty paragraphs. */
export function storyContent() {
  return {
    headline: "Council approves the new flood defences",
    body: {
      type: "doc",
      content: Array.from({ length: PARAGRAPHS }, (_, i) => ({
        type: "paragraph",
        content: [
          {
            type: "text",
            text: `Paragraph ${i + 1}: the council voted on Tuesday to fund the river wall, a project residents have asked for since the floods of the last decade, officials said.`,
          },
        ],
      })),
    },
  };
}

/** A migrated store in a new temporary directory, with an author and a viewer. */
export async function openFixture(): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-bench-"));
  const store = await openStore({ dataDir });
  await migrateToLatest(store);
  return {
    store,
    dataDir,
    author: await createTestUser(store, "reporter", "Bench Author"),
    viewer: await createTestUser(store, "reporter", "Bench Viewer"),
    seed: encodeInitialStoryDocument(storyContent()),
  };
}

/** Closes the store and deletes its directory. */
export async function closeFixture(f: Fixture): Promise<void> {
  await f.store.destroy();
  fs.rmSync(f.dataDir, { recursive: true, force: true });
}

/** Stores `count` stories by the author, sample-sized or holding `initialDocument`; their ids. */
export async function createStories(
  f: Fixture,
  count: number,
  initialDocument?: Uint8Array,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const story = await createStory(f.store, {
      author: f.author,
      headline: storyContent().headline,
      initialDocument:
        initialDocument ?? encodeInitialStoryDocument(storyContent()),
    });
    ids.push(story.id);
  }
  return ids;
}

/** A token for the author (editors) or a colleague without edit rights (viewers). */
export function tokenFor(
  f: Fixture,
  storyId: string,
  role: "editor" | "viewer",
): Promise<string> {
  return signCollabToken(
    {
      userId: role === "editor" ? f.author.id : f.viewer.id,
      name: role,
      color: "#123456",
      storyId,
      readOnly: role === "viewer",
      generation: 0,
    },
    SECRET,
  );
}
