import WebSocket from "ws";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode, docNameForStory } from "../lib/collab/protocol";
import { signCollabToken } from "../lib/collab/token";
import { readDocumentUpdates, loadStoryDoc } from "../lib/db/documents";
import { findStoryById } from "../lib/db/story-rows";
import {
  createTestUser,
  storeVariants,
  type TestStore,
} from "../lib/db/testing";
import type { UserRow } from "../lib/db/users";
import { readSingleLine } from "../lib/editor/story-document";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  grantFor,
  startTestServer,
  tokenFor,
  waitFor,
  type TestClient,
} from "./testing/harness";

/** Opens a raw socket and records every frame until it closes. */
function rawSocket(
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
  describe(`collaboration server (${variant.name})`, () => {
    let ts: TestStore;
    let server: Awaited<ReturnType<typeof startTestServer>>;
    let reporter: UserRow;
    let colleague: UserRow;
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
      colleague = await createTestUser(ts.store, "editor", "Ed Editor");
      storyId = (
        await createTestStory(ts.store, reporter, { headline: "Flood warning" })
      ).id;
      server = await startTestServer(ts.store);
    });

    afterEach(async () => {
      for (const c of clients.splice(0)) c.destroy();
      await server.close();
      await ts.cleanup();
    });

    it("syncs the stored document and makes two clients converge", async () => {
      const a = connect(server.url, storyId, await tokenFor(reporter, storyId));
      const b = connect(
        server.url,
        storyId,
        await tokenFor(colleague, storyId),
      );
      await Promise.all([a.synced(), b.synced()]);
      expect(readSingleLine(a.doc, "headline")).toBe("Flood warning");

      appendParagraph(a.doc, "Rain fell all night.");
      appendParagraph(b.doc, "Rivers rose by noon.");
      await waitFor(
        () =>
          bodyXml(a.doc) === bodyXml(b.doc) &&
          bodyXml(a.doc).includes("noon") &&
          bodyXml(a.doc).includes("night"),
        "convergence",
      );
      expect(bodyXml(a.doc)).toContain("Rain fell all night.");
    });

    it("acknowledges an update to clients that ask only once it is stored", async () => {
      const writer = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      await writer.synced();
      appendParagraph(writer.doc, "Stored first.");
      expect(writer.tracker.state).toBe("saving");
      await writer.saved();
      const stored = await loadStoryDoc(ts.store, storyId);
      expect(bodyXml(stored)).toContain("Stored first.");
    });

    it("keeps content across a server restart without duplicating it on reconnect", async () => {
      const a = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      await a.synced();
      appendParagraph(a.doc, "One paragraph only.");
      await a.saved();

      await server.close();
      const store2 = await ts.reopen();
      server = await startTestServer(store2);
      // The same client (with the content locally) reconnects to the new server...
      a.provider.disconnect();
      a.provider.serverUrl = server.url;
      a.provider.params.token = await tokenFor(reporter, storyId);
      a.provider.connect();
      // ...and a fresh client loads from the store.
      const b = connect(
        server.url,
        storyId,
        await tokenFor(colleague, storyId),
      );
      await Promise.all([a.synced(), b.synced()]);
      await waitFor(
        () => bodyXml(a.doc) === bodyXml(b.doc),
        "convergence after restart",
      );
      expect(bodyXml(b.doc).split("One paragraph only.").length - 1).toBe(1);
    });

    it("refuses sockets without a valid token for this story, sending no document bytes", async () => {
      const other = await createTestStory(ts.store, reporter, {
        headline: "Other",
      });
      const base = `${server.url}/${docNameForStory(storyId)}`;
      const forged = await signCollabToken(
        grantFor(reporter, storyId),
        "another-secret-that-is-long-enough-here",
      );
      const expired = await signCollabToken(
        grantFor(reporter, storyId),
        "x".repeat(8),
        60,
        Date.now() - 3_600_000,
      );
      const cases = [
        { url: base, code: CloseCode.unauthorized, reason: /no token/ },
        {
          url: `${base}?token=${forged}`,
          code: CloseCode.unauthorized,
          reason: /invalid token/,
        },
        {
          url: `${base}?token=garbage`,
          code: CloseCode.unauthorized,
          reason: /invalid token/,
        },
        {
          url: `${base}?token=${await tokenFor(reporter, other.id)}`,
          code: CloseCode.forbidden,
          reason: /another story/,
        },
        {
          url: `${server.url}/elsewhere?token=x`,
          code: CloseCode.notFound,
          reason: /unknown document/,
        },
      ];
      // An expired token signed with the server's own secret.
      const { TEST_SECRET } = await import("./testing/harness");
      const expiredReal = await signCollabToken(
        grantFor(reporter, storyId),
        TEST_SECRET,
        60,
        Date.now() - 3_600_000,
      );
      cases.push({
        url: `${base}?token=${expiredReal}`,
        code: CloseCode.unauthorized,
        reason: /expired/,
      });
      void expired;
      for (const c of cases) {
        const result = await rawSocket(c.url);
        expect(result.code, c.url).toBe(c.code);
        expect(result.reason).toMatch(c.reason);
        expect(result.frames).toBe(0);
      }
      // The stock client stops reconnecting on these codes.
      const refused = connect(server.url, storyId, null);
      expect((await refused.closed()).code).toBe(CloseCode.unauthorized);
      expect(bodyXml(refused.doc)).toBe("");
    });

    it("refuses updates from a read-only socket: not stored, not broadcast", async () => {
      const viewer = await createTestUser(ts.store, "reporter", "Vic Viewer");
      const writer = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
      );
      // A reporter who is not an author gets a read-only socket even with a read-write token.
      const readOnly = connect(
        server.url,
        storyId,
        await tokenFor(viewer, storyId, false),
      );
      await Promise.all([writer.synced(), readOnly.synced()]);
      appendParagraph(readOnly.doc, "Sneaky edit.");
      appendParagraph(writer.doc, "Real edit.");
      await waitFor(
        () => bodyXml(readOnly.doc).includes("Real edit."),
        "read-only client to receive edits",
      );
      await server.registry.flushAll();
      const stored = await loadStoryDoc(ts.store, storyId);
      expect(bodyXml(stored)).toContain("Real edit.");
      expect(bodyXml(stored)).not.toContain("Sneaky edit.");
      expect(bodyXml(writer.doc)).not.toContain("Sneaky edit.");
      expect(server.metrics.refusedUpdates.get()).toBeGreaterThan(0);
    });

    it("closes sockets that send malformed or oversized frames, and keeps serving others", async () => {
      const good = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
      );
      await good.synced();
      const url = `${server.url}/${docNameForStory(storyId)}?token=${await tokenFor(reporter, storyId)}`;
      const send = (payload: Buffer | string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(url);
          ws.on("open", () => ws.send(payload));
          ws.on("close", (code) => resolve(code));
          ws.on("error", () => undefined);
        });
      expect(await send(Buffer.from([0, 2, 200, 1, 2, 3]))).toBe(
        CloseCode.malformed,
      );
      expect(await send(Buffer.from([77]))).toBe(CloseCode.malformed);
      expect(await send("hello")).toBe(CloseCode.malformed);
      expect(await send(Buffer.alloc(3 * 1024 * 1024, 1))).toBe(
        CloseCode.messageTooBig,
      );
      appendParagraph(good.doc, "Still fine.");
      await server.registry.flushAll();
      await waitFor(
        async () =>
          bodyXml(await loadStoryDoc(ts.store, storyId)).includes(
            "Still fine.",
          ),
        "store",
      );
    });

    it("updates the story's headline copy and last change when the headline is edited", async () => {
      const a = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      await a.synced();
      const before = (await findStoryById(ts.store.db, storyId))!.updated_at;
      const headline = a.doc.getXmlFragment("headline").get(0) as Y.XmlElement;
      (headline.get(0) as Y.XmlText).insert(0, "Breaking: ");
      await a.saved();
      const story = (await findStoryById(ts.store.db, storyId))!;
      expect(story.headline).toBe("Breaking: Flood warning");
      expect(story.updated_at > before).toBe(true);
    });

    it("reports health on its port, and Prometheus metrics on a loopback listener of their own", async () => {
      const a = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      await a.synced();
      appendParagraph(a.doc, "Counted.");
      await a.saved();
      const base = server.url.replace("ws://", "http://");
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        ok: true,
        connections: 1,
        documents: 1,
        fanout: "off",
      });
      // The sockets' port does not serve the metrics.
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      expect(server.metricsPort).not.toBe(server.port);
      const text = await (await fetch(`${server.metricsUrl}/metrics`)).text();
      expect(text).toContain("newsroom_collab_connections 1\n");
      expect(text).toContain("newsroom_collab_documents_loaded 1\n");
      expect(text).toContain("newsroom_collab_stored_updates_total 1\n");
      expect(text).toMatch(/newsroom_collab_updates_total [1-9]/);
      expect(text).toContain("# TYPE newsroom_collab_commit_seconds histogram");
      expect(text).toMatch(/newsroom_collab_commit_seconds_count [1-9]/);
      expect(text).toContain(
        "# TYPE newsroom_collab_fanout_lag_seconds histogram",
      );
      expect(text).toContain("newsroom_collab_redis_connected -1\n");
      expect(text).toMatch(/process_resident_memory_bytes \d+/);
    });

    it("unloads a document after its last client leaves, and compacts long logs", async () => {
      await server.close();
      server = await startTestServer(ts.store, { compactAfterRows: 20 });
      const a = connect(
        server.url,
        storyId,
        await tokenFor(reporter, storyId),
        { acks: true },
      );
      await a.synced();
      for (let i = 0; i < 40; i++) {
        appendParagraph(a.doc, `Line ${i}`);
        await a.saved();
      }
      await waitFor(
        async () =>
          (await readDocumentUpdates(ts.store.db, storyId)).ids.length < 25,
        "compaction",
      );
      expect(server.registry.size).toBe(1);
      a.destroy();
      await waitFor(() => server.registry.size === 0, "unload");
      const stored = await loadStoryDoc(ts.store, storyId);
      for (let i = 0; i < 40; i++)
        expect(bodyXml(stored)).toContain(`Line ${i}<`);
    });
  });
}
