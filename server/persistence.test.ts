import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countDocumentUpdates, readDocumentUpdates } from "../lib/db/documents";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { createTestStory } from "./testing/harness";
import { storePersistence, type DocumentPersistence } from "./persistence";

/** An update that adds one paragraph (any valid update will do for the log). */
function someUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("body").insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

const HOUR_MS = 3_600_000;

/**
 * Appends `text` and checks that 100 ms later it is neither acknowledged nor stored (the story
 * still holds `storedRows`); returns the pending append, wrapped so that awaiting this helper
 * does not wait for it.
 */
async function appendThatWaits(
  persistence: DocumentPersistence,
  ts: TestStore,
  storyId: string,
  text: string,
  storedRows: number,
): Promise<{ append: Promise<void> }> {
  let stored = false;
  const append = persistence
    .append(storyId, [someUpdate(text)], {})
    .then(() => {
      stored = true;
    });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(stored).toBe(false);
  expect(await countDocumentUpdates(ts.store.db, storyId)).toBe(storedRows);
  return { append };
}

for (const variant of storeVariants()) {
  describe(`group commit (${variant.name})`, () => {
    let ts: TestStore;
    let author: UserRow;
    let persistence: DocumentPersistence | null = null;

    beforeEach(async () => {
      ts = await variant.create();
      author = await createTestUser(ts.store, "reporter", "Rita Reporter");
    });

    afterEach(async () => {
      await persistence?.close?.();
      persistence = null;
      await ts.cleanup();
    });

    it("commits the appends of several stories made while a commit runs together", async () => {
      const commits: number[] = [];
      persistence = storePersistence(ts.store, {
        windowMs: 50,
        burst: 1,
        onCommit: (ms) => commits.push(ms),
      });
      const stories = await Promise.all(
        [0, 1, 2, 3].map(() => createTestStory(ts.store, author)),
      );
      const before = await Promise.all(
        stories.map((s) => countDocumentUpdates(ts.store.db, s.id)),
      );
      // The first starts a commit at once; the other three arrive while it runs.
      await Promise.all(
        stories.map((s, i) =>
          persistence!.append(s.id, [someUpdate(`Story ${i}.`)], {}),
        ),
      );
      expect(commits).toHaveLength(2);
      for (const [i, s] of stories.entries())
        expect(await countDocumentUpdates(ts.store.db, s.id)).toBe(
          before[i]! + 1,
        );
    });

    it("stores exactly an update's bytes when it is a view into a larger buffer (as a socket's frame is)", async () => {
      persistence = storePersistence(ts.store);
      const story = await createTestStory(ts.store, author);
      const update = someUpdate("Read off the wire.");
      // The frame's header before it, and the next frame after it, in one buffer.
      const frame = new Uint8Array(update.byteLength + 64).fill(0xee);
      frame.set(update, 7);
      const view = frame.subarray(7, 7 + update.byteLength);
      await persistence.append(story.id, [view], {});
      const stored = await readDocumentUpdates(ts.store.db, story.id);
      expect(stored.updates.at(-1)).toEqual(update);
    });

    it("commits a lone append at once, and waits for the window after a commit, unless asked to hurry (shutdown)", async () => {
      persistence = storePersistence(ts.store, {
        windowMs: HOUR_MS,
        burst: 1,
      });
      const story = await createTestStory(ts.store, author);
      const before = await countDocumentUpdates(ts.store.db, story.id);
      // Nothing was committed within the window: no waiting.
      await persistence.append(story.id, [someUpdate("At once.")], {});
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBe(
        before + 1,
      );

      const { append } = await appendThatWaits(
        persistence,
        ts,
        story.id,
        "Waiting.",
        before + 1,
      );

      // Without the hurry this would wait an hour (and the test time out).
      await persistence.urgently!(() => append);
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBe(
        before + 2,
      );
      // While urgent, a new append does not wait for the window either.
      await persistence.urgently!(() =>
        persistence!.append(story.id, [someUpdate("Also at once.")], {}),
      );
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBe(
        before + 3,
      );
    });

    it("starts a burst of commits at once after a quiet spell, then one per window", async () => {
      const commits: number[] = [];
      persistence = storePersistence(ts.store, {
        windowMs: HOUR_MS,
        burst: 3,
        onCommit: (ms) => commits.push(ms),
      });
      const story = await createTestStory(ts.store, author);
      const before = await countDocumentUpdates(ts.store.db, story.id);
      for (const text of ["One.", "Two.", "Three."])
        await persistence.append(story.id, [someUpdate(text)], {});
      expect(commits).toHaveLength(3);

      const { append: fourth } = await appendThatWaits(
        persistence,
        ts,
        story.id,
        "Four.",
        before + 3,
      );
      await persistence.urgently!(() => fourth);
      expect(await countDocumentUpdates(ts.store.db, story.id)).toBe(
        before + 4,
      );
    });
  });
}
