import { decodeJwt } from "jose";
import { closeReason } from "./close-reason";
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { CloseCode, docNameForStory } from "../lib/collab/protocol";
import {
  heartbeatMessage,
  isHeartbeat,
  renewMessage,
} from "../lib/collab/wire";
import { loadStoryDoc } from "../lib/db/documents";
import { endSessions } from "../lib/db/session-generations";
import { createTestUser, storeVariants } from "../lib/db/testing";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  tokenFor,
  waitFor,
} from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

/** Opens a raw socket and resolves with how it was closed and how many frames it got. */
export function rawSocket(
  url: string,
): Promise<{ code: number; reason: string; frames: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let frames = 0;
    ws.on("message", () => frames++);
    ws.on("close", (code, reason) =>
      resolve({ code, reason: reason.toString(), frames }),
    );
    ws.on("error", reject);
  });
}

/** Whether a socket to `url` opens and is still open after its greeting (then closes it). */
function rawSocketOpens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("message", () => {
      resolve(true);
      ws.close();
    });
    ws.on("close", () => resolve(false));
    ws.on("error", () => resolve(false));
  });
}

for (const variant of storeVariants()) {
  describe(`socket hygiene (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: { reporter: ["reporter", "Rita Reporter"] },
      author: "reporter",
    });
    const connect = (...args: Parameters<typeof connectClient>) =>
      room.track(connectClient(...args));

    it("answers a malformed URL escape with a client error (4400), not an internal one", async () => {
      const token = await tokenFor(room.people.reporter, room.storyId);
      for (const path of [
        `/stories/%E0%A4%A?token=${token}`,
        `/stories/%zz?token=${token}`,
        `/${docNameForStory(room.storyId)}%?token=${token}`,
      ]) {
        const result = await rawSocket(`${room.server.url}${path}`);
        expect(result.code, path).toBe(CloseCode.badRequest);
        expect(result.reason).toMatch(/malformed URL/);
        expect(result.frames).toBe(0);
      }
      // Broken escapes in the token are an invalid token, refused as such.
      const result = await rawSocket(
        `${room.server.url}/${docNameForStory(room.storyId)}?token=%E0%A4%A${token}%zz`,
      );
      expect(result.code).toBe(CloseCode.unauthorized);
      // The server carries on serving well-formed requests.
      const client = connect(room.server.url, room.storyId, token);
      await client.synced();
    });

    it("refuses a user's socket beyond the configured number, with 4429 and a reason", async () => {
      await room.restart({ config: { maxSocketsPerUser: 2 } });
      const colleague = await createTestUser(
        room.ts.store,
        "editor",
        "Ed Editor",
      );
      const first = await room.open(room.people.reporter, { acks: false });
      const second = await room.open(room.people.reporter, { acks: false });
      await Promise.all([first.synced(), second.synced()]);

      const url = `${room.server.url}/${docNameForStory(room.storyId)}?token=${await tokenFor(room.people.reporter, room.storyId)}`;
      const refused = await rawSocket(url);
      expect(refused.code).toBe(CloseCode.tooManySockets);
      expect(refused.reason).toMatch(
        /too many connections: at most 2 per user/,
      );
      expect(refused.frames).toBe(0);
      // The stock client stops on it rather than hammering the server.
      const stock = await room.open(room.people.reporter, { acks: false });
      expect((await stock.closed()).code).toBe(CloseCode.tooManySockets);

      // Another user is not affected, and a closed socket gives its slot back.
      const other = await room.open(colleague, { acks: false });
      await other.synced();
      first.destroy();
      await waitFor(async () => {
        const again = await rawSocketOpens(url);
        return again;
      }, "a slot to come free");
    });

    it("closes a socket when its token expires unless a fresh token renews it", async () => {
      const shortToken = await tokenFor(
        room.people.reporter,
        room.storyId,
        false,
        2,
      );
      const expiresAt = decodeJwt(shortToken).exp! * 1000;
      const expiring = connect(room.server.url, room.storyId, shortToken, {
        acks: true,
      });
      const renewed = connect(room.server.url, room.storyId, shortToken, {
        acks: true,
      });
      await Promise.all([expiring.synced(), renewed.synced()]);
      renewed.provider.ws!.send(
        renewMessage(await tokenFor(room.people.reporter, room.storyId)),
      );

      expect(await expiring.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: token expired",
      });
      await waitFor(() => Date.now() > expiresAt + 200, "the first expiry");
      // Past the first token's expiry the renewed socket still writes and is acknowledged.
      appendParagraph(renewed.doc, "Written on a renewed token.");
      await renewed.saved();
      expect(renewed.provider.wsconnected).toBe(true);
      expect(
        bodyXml(await loadStoryDoc(room.ts.store, room.storyId)),
      ).toContain("Written on a renewed token.");
    });

    it("closes a socket renewed with a token for another user or story, or a bad one", async () => {
      const colleague = await createTestUser(
        room.ts.store,
        "editor",
        "Ed Editor",
      );
      const other = await createTestStory(room.ts.store, room.people.reporter);
      const cases = [
        {
          token: await tokenFor(colleague, room.storyId),
          code: CloseCode.forbidden,
          reason: /another user or story/,
        },
        {
          token: await tokenFor(room.people.reporter, other.id),
          code: CloseCode.forbidden,
          reason: /another user or story/,
        },
        {
          token: "garbage",
          code: CloseCode.unauthorized,
          reason: /invalid token/,
        },
      ];
      for (const c of cases) {
        const client = await room.open(room.people.reporter);
        await client.synced();
        client.provider.ws!.send(renewMessage(c.token));
        const closed = await client.closed();
        expect(closed.code).toBe(c.code);
        expect(closed.reason).toMatch(c.reason);
      }
    });

    it("closes a user's sockets when they sign out, and refuses tokens issued before", async () => {
      await room.restart({ config: { accessCheckIntervalMs: 50 } });
      const colleague = await createTestUser(
        room.ts.store,
        "editor",
        "Ed Editor",
      );
      const before = await tokenFor(room.people.reporter, room.storyId);
      const signedIn = connect(room.server.url, room.storyId, before, {
        acks: true,
      });
      const other = await room.open(colleague);
      await Promise.all([signedIn.synced(), other.synced()]);

      expect(await endSessions(room.ts.store.db, room.people.reporter.id)).toBe(
        1,
      );
      expect(await signedIn.closed()).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: signed out",
      });
      // A token issued before the sign-out opens nothing, nor renews anything.
      const refused = await rawSocket(
        `${room.server.url}/${docNameForStory(room.storyId)}?token=${before}`,
      );
      expect(refused).toEqual({
        code: CloseCode.unauthorized,
        reason: "unauthorized: signed out",
        frames: 0,
      });
      const fresh = connect(
        room.server.url,
        room.storyId,
        await tokenFor(room.people.reporter, room.storyId, false, undefined, 1),
        { acks: true },
      );
      await fresh.synced();
      fresh.provider.ws!.send(renewMessage(before));
      expect((await fresh.closed()).reason).toBe("unauthorized: signed out");

      // Nobody else is affected.
      appendParagraph(other.doc, "Still here.");
      await other.saved();
      expect(other.provider.wsconnected).toBe(true);
    });

    it("drops a socket that stops answering pings within two ping intervals, and keeps live ones", async () => {
      await room.restart({ config: { pingIntervalMs: 100 } });
      const live = await room.open(room.people.reporter);
      await live.synced();
      // A peer whose network went away: it never answers a ping (nor sends anything).
      const silent = new WebSocket(
        `${room.server.url}/${docNameForStory(room.storyId)}?token=${await tokenFor(room.people.reporter, room.storyId)}`,
        { autoPong: false },
      );
      const heartbeats: Uint8Array[] = [];
      silent.on("message", (data: Buffer) => {
        if (isHeartbeat(new Uint8Array(data))) heartbeats.push(data);
      });
      await new Promise((resolve) => silent.once("open", resolve));
      // The heartbeat message is answered at once.
      silent.send(heartbeatMessage());
      await waitFor(() => heartbeats.length === 1, "the heartbeat's answer");
      const closed = await new Promise<number>((resolve) =>
        silent.once("close", (code) => resolve(code)),
      );
      expect(closed).toBe(1006);
      await waitFor(
        async () =>
          (
            (await (
              await fetch(
                `${room.server.url.replace("ws://", "http://")}/healthz`,
              )
            ).json()) as { connections: number }
          ).connections === 1,
        "the server to forget the dead socket",
      );
      // The live client answered every ping meanwhile and still writes.
      appendParagraph(live.doc, "Still connected.");
      await live.saved();
      expect(live.provider.wsconnected).toBe(true);
    });

    it("pings only sockets that have gone quiet: a client that keeps talking gets none", async () => {
      // A look every 150 ms: far longer than a stall the server would not excuse (see
      // Heartbeats), so a loaded machine cannot make the talking client look silent.
      await room.restart({ config: { pingIntervalMs: 300 } });
      const url = `${room.server.url}/${docNameForStory(room.storyId)}?token=${await tokenFor(room.people.reporter, room.storyId)}`;
      const open = async () => {
        const ws = new WebSocket(url);
        const pings = { count: 0 };
        ws.on("ping", () => pings.count++);
        await new Promise((resolve) => ws.once("open", resolve));
        return { ws, pings };
      };
      const talking = await open();
      // It talks from the moment it is open (a heartbeat every 20 ms), also while the other opens.
      const chatter = setInterval(
        () => talking.ws.send(heartbeatMessage()),
        20,
      );
      const quiet = await open();
      // Twelve ping intervals.
      await new Promise((resolve) => setTimeout(resolve, 3600));
      clearInterval(chatter);
      expect(talking.pings.count).toBe(0);
      // The quiet one is pinged about once per interval, and answering keeps it open.
      expect(quiet.pings.count).toBeGreaterThanOrEqual(5);
      expect(quiet.ws.readyState).toBe(WebSocket.OPEN);
      expect(talking.ws.readyState).toBe(WebSocket.OPEN);
      talking.ws.close();
      quiet.ws.close();
    });
  });
}

describe("close reasons", () => {
  it("are cut to the 123 bytes a close frame holds, also in multi-byte text", () => {
    const reason = closeReason(`off schema: ${"body › ".repeat(40)}`);
    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason.startsWith("off schema: body › ")).toBe(true);
    expect(closeReason("short")).toBe("short");
  });
});
