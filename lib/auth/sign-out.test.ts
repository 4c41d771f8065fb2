import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyCollabToken } from "../collab/token";
import { readSessionGeneration } from "../db/session-generations";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { createStory } from "../db/story-rows";
import type { UserRow } from "../db/users";
import { encodeInitialStoryDocument } from "../editor/story-document";
import { collabSession } from "../stories/collab-session";
import { recordSignOut } from "./sign-out";

const secret = "a-collab-token-secret-long-enough-0000";

for (const variant of storeVariants()) {
  describe(`signing out (${variant.name})`, () => {
    let ts: TestStore;
    let user: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      user = await createTestUser(ts.store, "reporter", "Rita Reporter");
    });
    afterEach(() => ts.cleanup());

    it("starts a new session generation, which collaboration tokens then carry", async () => {
      const story = await createStory(ts.store, {
        author: user,
        headline: "Signed out",
        initialDocument: encodeInitialStoryDocument({ headline: "Signed out" }),
      });
      const issue = async () =>
        verifyCollabToken(
          (
            await collabSession(ts.store, user, story.id, {
              url: "ws://x",
              secret,
            })
          ).token,
          secret,
        );
      expect((await issue()).generation).toBe(0);

      await recordSignOut(ts.store, { uid: user.id, name: "Rita" });
      await recordSignOut(ts.store, { uid: user.id });
      expect(await readSessionGeneration(ts.store.db, user.id)).toBe(2);
      expect((await issue()).generation).toBe(2);
    });

    it("changes nothing for a token without a user", async () => {
      await recordSignOut(ts.store, null);
      await recordSignOut(ts.store, { uid: 42 });
      expect(await readSessionGeneration(ts.store.db, user.id)).toBe(0);
    });
  });
}
