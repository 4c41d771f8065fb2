import WebSocket from "ws";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode, docNameForStory } from "../lib/collab/protocol";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import {
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  type TestClient,
} from "./testing/harness";

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

for (const variant of storeVariants()) {
  describe(`socket hygiene (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let reporter: UserRow;
    let storyId: string;
    const clients: TestClient[] = [];
    const connect = (...args: Parameters<typeof connectClient>) => {
      const client = connectClient(...args);
      clients.push(client);
      return client;
    };

    beforeEach(async () => {
      ts = await variant.create();
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
      storyId = (await createTestStory(ts.store, reporter)).id;
      server = await startTestServer(ts.store);
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
      await ts.cleanup();
    });

    it("answers a malformed URL escape with a client error (4400), not an internal one", async () => {
      const token = await tokenFor(reporter, storyId);
      for (const path of [
        `/stories/%E0%A4%A?token=${token}`,
        `/stories/%zz?token=${token}`,
        `/${docNameForStory(storyId)}%?token=${token}`,
      ]) {
        const result = await rawSocket(`${server.url}${path}`);
        expect(result.code, path).toBe(CloseCode.badRequest);
        expect(result.reason).toMatch(/malformed URL/);
        expect(result.frames).toBe(0);
      }
      // Broken escapes in the token are an invalid token, refused as such.
      const result = await rawSocket(
        `${server.url}/${docNameForStory(storyId)}?token=%E0%A4%A${token}%zz`,
      );
      expect(result.code).toBe(CloseCode.unauthorized);
      // The server carries on serving well-formed requests.
      const client = connect(server.url, storyId, token);
      await client.synced();
    });
  });
}
