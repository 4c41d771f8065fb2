import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../lib/collab/protocol";
import { createTestUser, storeVariants } from "../../lib/db/testing";
import {
  connectClient,
  tokenFor,
  waitFor,
  type TestClient,
} from "../testing/harness";
import { sharedRedisUrl } from "../testing/redis";
import { useRedisServers } from "../testing/redis-servers";

/** Unset REDIS_URL skips these tests, saying so; a set one that does not answer fails this file. */
const redisUrl = await sharedRedisUrl();
if (!redisUrl)
  console.warn("Redis presence tests skipped: REDIS_URL is unset.");

for (const variant of storeVariants()) {
  describe.skipIf(!redisUrl)(
    `presence across servers (${variant.name})`,
    () => {
      const room = useRedisServers(variant, redisUrl);
      const { startTwoServers, connect } = room;

      it("gives people who join at the same moment on two servers colours of their own", async () => {
        const [a, b] = await startTwoServers();
        // Every test grant has the same colour of its own, so each server, not yet knowing the
        // other's newcomer, offers it to its own.
        const people = [
          room.reporter,
          await createTestUser(room.ts.store, "reporter"),
          await createTestUser(room.ts.store, "reporter"),
          await createTestUser(room.ts.store, "reporter"),
        ];
        const present = await Promise.all(
          people.map(async (person, i) => {
            const client = connectClient(
              (i % 2 === 0 ? a : b).url,
              room.storyId,
              await tokenFor(person, room.storyId),
            );
            room.track(client);
            // As the editor does; the server puts in the account and a colour.
            client.provider.awareness.setLocalStateField("user", { name: "?" });
            return client;
          }),
        );
        /** The colour each viewer sees each other person in (its own stays what it set). */
        const seenBy = (viewer: TestClient) =>
          present.map(({ doc }) =>
            doc === viewer.doc
              ? null
              : ((
                  viewer.provider.awareness.getStates().get(doc.clientID) as
                    { user?: { color?: string } } | undefined
                )?.user?.color ?? "none"),
          );
        const agreed = () => {
          const views = present.map(seenBy);
          const colours = present.map(
            (_, person) =>
              views.find((view) => view[person] !== null)![person]!,
          );
          return (
            !colours.includes("none") &&
            new Set(colours).size === people.length &&
            views.every((view) =>
              view.every(
                (colour, i) => colour === null || colour === colours[i],
              ),
            )
          );
        };
        await waitFor(
          agreed,
          "four different colours, the same for everyone",
          5_000,
        );
      });

      it("never lets a reader on another server take over a colleague's presence, even in a story that server has just opened", async () => {
        const [a, b] = await startTwoServers();
        const victim = await connect(a);
        const watcher = await connect(a);
        await Promise.all([victim.synced(), watcher.synced()]);
        victim.provider.awareness.setLocalStateField("cursor", null);
        const id = victim.doc.clientID;
        const shownAs = (client: TestClient) =>
          (
            client.provider.awareness.getStates().get(id) as
              { user?: { id?: string } } | undefined
          )?.user?.id;
        await waitFor(
          () => shownAs(watcher) === room.reporter.id,
          "the victim",
        );

        // A reader who read the victim's client id opens the story on B, where nobody has it
        // open, and at once claims that id with a clock far ahead.
        const reader = await createTestUser(room.ts.store, "reporter");
        const doc = new Y.Doc();
        doc.clientID = id;
        const attacker = connectClient(
          b.url,
          room.storyId,
          await tokenFor(reader, room.storyId, true),
          { doc, connect: false },
        );
        room.track(attacker);
        for (let clock = 0; clock < 1000; clock++)
          attacker.provider.awareness.setLocalStateField("cursor", null);
        attacker.provider.connect();
        const onB = await connect(b);
        await onB.synced();

        expect((await attacker.closed()).code).toBe(CloseCode.forbidden);
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(shownAs(watcher)).toBe(room.reporter.id);
        expect(shownAs(onB)).toBe(room.reporter.id);
      });
    },
  );
}
