import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { eventsUrl } from "../lib/collab/announce";
import {
  FEED_PATH,
  signFeedToken,
  signNewsroomEvent,
  type FeedMessage,
  type NewsroomEvent,
} from "../lib/collab/newsroom-events";
import { ACCOUNT_DEACTIVATED, CloseCode } from "../lib/collab/protocol";
import { createTestUser, storeVariants } from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { changeAccount } from "../lib/people/accounts";
import { transitionStory } from "../lib/stories/commands";
import { SIGNED_OUT } from "./upgrade";
import { TEST_SECRET, tokenFor, waitFor } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

/** A story list's feed socket, recording what it is told and how it closed. */
interface Feed {
  stories: string[];
  /** For each of `stories`, whether only who is in the story changed. */
  presenceOnly: boolean[];
  /** How many times it was told its person's inbox changed. */
  inbox: number;
  closed: { code: number; reason: string } | null;
  socket: WebSocket;
}

for (const variant of storeVariants()) {
  describe(`newsroom events and the story lists' feed (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        editor: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Harbour reopens" },
      // The backstop poll is out of reach: whatever happens in time was pushed.
      server: { accessCheckIntervalMs: 600_000, presenceReportDelayMs: 20 },
    });
    const feeds: Feed[] = [];

    const openFeed = async (user: UserRow, token?: string): Promise<Feed> => {
      const feed: Feed = {
        stories: [],
        presenceOnly: [],
        inbox: 0,
        closed: null,
        socket: new WebSocket(
          `${room.server.url}${FEED_PATH}?token=${token ?? (await signFeedToken({ userId: user.id, generation: 0 }, TEST_SECRET))}`,
        ),
      };
      feeds.push(feed);
      feed.socket.on("message", (data: Buffer) => {
        const message = JSON.parse(data.toString()) as FeedMessage;
        if (message.type === "story") {
          feed.stories.push(message.storyId);
          feed.presenceOnly.push(message.presence === true);
        } else feed.inbox++;
      });
      feed.socket.on("close", (code, reason) => {
        feed.closed = { code, reason: reason.toString() };
      });
      await new Promise<void>((resolve) => {
        feed.socket.once("open", resolve);
        feed.socket.once("close", () => resolve());
      });
      return feed;
    };
    const post = async (body: string) =>
      fetch(eventsUrl(room.server.url), { method: "POST", body });
    const postEvent = async (event: NewsroomEvent) =>
      post(await signNewsroomEvent(event, TEST_SECRET));

    afterEach(() => {
      for (const f of feeds.splice(0)) f.socket.terminate();
    });

    it("tells every story list when someone opens or leaves a story, once their presence is stored", async () => {
      const desk = await openFeed(room.people.editor);
      const client = await room.join(room.people.reporter, { acks: false });
      await waitFor(
        () => desk.stories.includes(room.storyId),
        "the list to hear",
      );
      client.destroy();
      await waitFor(
        () => desk.stories.filter((id) => id === room.storyId).length === 2,
        "the list to hear the reporter left",
      );
      // The story's own page ignores these: nothing of its record changed.
      expect(desk.presenceOnly).toEqual([true, true]);
    });

    it("acts at once on an announced access change, and tells the lists", async () => {
      const desk = await openFeed(room.people.editor);
      const client = await room.join(room.people.reporter);
      await transitionStory(room.ts.store, room.people.reporter, room.storyId, {
        to: "submitted",
      });
      // Without the announcement nothing happens: the poll is ten minutes away.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(client.access).toEqual([]);
      desk.stories.length = desk.presenceOnly.length = 0;
      const answer = await postEvent({
        type: "story",
        storyId: room.storyId,
        access: true,
      });
      expect(answer.status).toBe(204);
      await waitFor(
        () => client.access.at(-1)?.reason.startsWith("suggest-only") === true,
        "the reporter's socket to take suggestions only",
      );
      // Not as a change of who is in it (the reporter's own arrival may be heard meanwhile).
      await waitFor(
        () =>
          desk.stories.some(
            (id, i) => id === room.storyId && !desk.presenceOnly[i],
          ),
        "the list to hear",
      );
    });

    it("closes a deactivated account's story sockets and feeds when announced", async () => {
      const feed = await openFeed(room.people.reporter);
      const client = await room.join(room.people.reporter, { acks: false });
      const admin = await createTestUser(room.ts.store, "admin", "Ada Admin");
      await changeAccount(room.ts.store, admin, room.people.reporter.id, {
        active: false,
      });
      const closed = client.closed();
      await postEvent({ type: "user", userId: room.people.reporter.id });
      await waitFor(() => feed.closed !== null, "the feed to close");
      expect(feed.closed).toEqual({
        code: CloseCode.unauthorized,
        reason: ACCOUNT_DEACTIVATED,
      });
      expect((await closed).code).toBe(CloseCode.unauthorized);
    });

    it("tells only the people whose inbox changed", async () => {
      const ritas = await openFeed(room.people.reporter);
      const eds = await openFeed(room.people.editor);
      const answer = await postEvent({
        type: "inbox",
        userIds: [room.people.reporter.id],
      });
      expect(answer.status).toBe(204);
      await waitFor(() => ritas.inbox === 1, "Rita's page to hear");
      await postEvent({ type: "inbox", userIds: [room.people.editor.id] });
      await waitFor(() => eds.inbox === 1, "Ed's page to hear");
      expect(ritas.inbox).toBe(1);
      expect(ritas.stories).toEqual([]);
    });

    it("refuses forged, stale or malformed events and feed tokens", async () => {
      const forged = await signNewsroomEvent(
        { type: "story", storyId: room.storyId, access: true },
        "another-secret-that-is-long-enough-for-hmac",
      );
      expect((await post(forged)).status).toBe(401);
      const stale = await signNewsroomEvent(
        { type: "story", storyId: room.storyId, access: true },
        TEST_SECRET,
        Date.now() - 5 * 60_000,
      );
      expect((await post(stale)).status).toBe(401);
      expect((await post("not a token")).status).toBe(401);
      expect((await post("x".repeat(10_000))).status).toBe(413);
      expect(
        (await fetch(eventsUrl(room.server.url), { method: "GET" })).status,
      ).toBe(405);

      const refusedWith = async (token: string) => {
        const feed = await openFeed(room.people.reporter, token);
        await waitFor(() => feed.closed !== null, "the feed to be refused");
        return feed.closed;
      };
      expect(await refusedWith("")).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: no token",
      });
      // A story's token is not a feed's, nor is a token from before a sign-out.
      expect(
        (await refusedWith(await tokenFor(room.people.reporter, room.storyId)))
          ?.code,
      ).toBe(CloseCode.unauthorized);
      expect(
        await refusedWith(
          await signFeedToken(
            { userId: room.people.reporter.id, generation: 7 },
            TEST_SECRET,
          ),
        ),
      ).toEqual({ code: CloseCode.unauthorized, reason: SIGNED_OUT });
      const honest = await openFeed(room.people.reporter);
      expect(honest.closed).toBeNull();
    });
  });
}
