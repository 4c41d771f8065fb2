import WebSocket from "ws";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { CloseCode, docNameForStory } from "../lib/collab/protocol";
import { signCollabToken } from "../lib/collab/token";
import { readDocumentUpdates, loadStoryDoc } from "../lib/db/documents";
import { findStoryById } from "../lib/db/story-rows";
import { createTestUser, storeVariants } from "../lib/db/testing";
import { readSingleLine } from "../lib/editor/story-document";
import {
  appendParagraph,
  bodyXml,
  connectClient,
  createTestStory,
  grantFor,
  tokenFor,
  waitFor,
} from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

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
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        colleague: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Flood warning" },
    });
    const connect = (...args: Parameters<typeof connectClient>) =>
      room.track(connectClient(...args));

    it("syncs the stored document and makes two clients converge", async () => {
      const a = await room.open(room.people.reporter, { acks: false });
      const b = await room.open(room.people.colleague, { acks: false });
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
      const writer = await room.open(room.people.reporter);
      await writer.synced();
      appendParagraph(writer.doc, "Stored first.");
      expect(writer.tracker.state).toBe("saving");
      await writer.saved();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(bodyXml(stored)).toContain("Stored first.");
    });

    it("keeps content across a server restart without duplicating it on reconnect", async () => {
      const a = await room.open(room.people.reporter);
      await a.synced();
      appendParagraph(a.doc, "One paragraph only.");
      await a.saved();

      await room.restart({ store: await room.ts.reopen() });
      // The same client (with the content locally) reconnects to the new server...
      a.provider.disconnect();
      a.provider.serverUrl = room.server.url;
      a.provider.params.token = await tokenFor(
        room.people.reporter,
        room.storyId,
      );
      a.provider.connect();
      // ...and a fresh client loads from the store.
      const b = await room.open(room.people.colleague, { acks: false });
      await Promise.all([a.synced(), b.synced()]);
      await waitFor(
        () => bodyXml(a.doc) === bodyXml(b.doc),
        "convergence after restart",
      );
      expect(bodyXml(b.doc).split("One paragraph only.").length - 1).toBe(1);
    });

    it("refuses sockets without a valid token for this story, sending no document bytes", async () => {
      const other = await createTestStory(room.ts.store, room.people.reporter, {
        headline: "Other",
      });
      const base = `${room.server.url}/${docNameForStory(room.storyId)}`;
      const forged = await signCollabToken(
        grantFor(room.people.reporter, room.storyId),
        "another-secret-that-is-long-enough-here",
      );
      const expired = await signCollabToken(
        grantFor(room.people.reporter, room.storyId),
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
          url: `${base}?token=${await tokenFor(room.people.reporter, other.id)}`,
          code: CloseCode.forbidden,
          reason: /another story/,
        },
        {
          url: `${room.server.url}/elsewhere?token=x`,
          code: CloseCode.notFound,
          reason: /unknown document/,
        },
      ];
      // An expired token signed with the server's own secret.
      const { TEST_SECRET } = await import("./testing/harness");
      const expiredReal = await signCollabToken(
        grantFor(room.people.reporter, room.storyId),
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
      const refused = connect(room.server.url, room.storyId, null);
      expect((await refused.closed()).code).toBe(CloseCode.unauthorized);
      expect(bodyXml(refused.doc)).toBe("");
    });

    it("refuses updates from a read-only socket: not stored, not broadcast", async () => {
      const viewer = await createTestUser(
        room.ts.store,
        "reporter",
        "Vic Viewer",
      );
      const writer = await room.open(room.people.reporter, { acks: false });
      // A reporter who is not an author gets a read-only socket even with a read-write token.
      const readOnly = await room.open(viewer, { acks: false });
      await Promise.all([writer.synced(), readOnly.synced()]);
      appendParagraph(readOnly.doc, "Sneaky edit.");
      appendParagraph(writer.doc, "Real edit.");
      await waitFor(
        () => bodyXml(readOnly.doc).includes("Real edit."),
        "read-only client to receive edits",
      );
      await room.server.registry.flushAll();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(bodyXml(stored)).toContain("Real edit.");
      expect(bodyXml(stored)).not.toContain("Sneaky edit.");
      expect(bodyXml(writer.doc)).not.toContain("Sneaky edit.");
      expect(room.server.metrics.refusedUpdates.get()).toBeGreaterThan(0);
    });

    it("closes sockets that send malformed or oversized frames, and keeps serving others", async () => {
      const good = await room.open(room.people.reporter, { acks: false });
      await good.synced();
      const url = `${room.server.url}/${docNameForStory(room.storyId)}?token=${await tokenFor(room.people.reporter, room.storyId)}`;
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
      await room.server.registry.flushAll();
      await waitFor(
        async () =>
          bodyXml(await loadStoryDoc(room.ts.store, room.storyId)).includes(
            "Still fine.",
          ),
        "store",
      );
    });

    it("updates the story's headline copy and last change when the headline is edited", async () => {
      const a = await room.open(room.people.reporter);
      await a.synced();
      const before = (await findStoryById(room.ts.store.db, room.storyId))!
        .updated_at;
      const headline = a.doc.getXmlFragment("headline").get(0) as Y.XmlElement;
      (headline.get(0) as Y.XmlText).insert(0, "Breaking: ");
      await a.saved();
      const story = (await findStoryById(room.ts.store.db, room.storyId))!;
      expect(story.headline).toBe("Breaking: Flood warning");
      expect(story.updated_at > before).toBe(true);
    });

    it("reports health on its port, and Prometheus metrics on a loopback listener of their own", async () => {
      const a = await room.open(room.people.reporter);
      await a.synced();
      appendParagraph(a.doc, "Counted.");
      await a.saved();
      const base = room.server.url.replace("ws://", "http://");
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
      expect(room.server.metricsPort).not.toBe(room.server.port);
      const text = await (
        await fetch(`${room.server.metricsUrl}/metrics`)
      ).text();
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
      await room.restart({ config: { compactAfterRows: 20 } });
      const a = await room.open(room.people.reporter);
      await a.synced();
      for (let i = 0; i < 40; i++) {
        appendParagraph(a.doc, `Line ${i}`);
        await a.saved();
      }
      await waitFor(
        async () =>
          (await readDocumentUpdates(room.ts.store.db, room.storyId)).ids
            .length < 25,
        "compaction",
      );
      expect(room.server.registry.size).toBe(1);
      a.destroy();
      await waitFor(() => room.server.registry.size === 0, "unload");
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      for (let i = 0; i < 40; i++)
        expect(bodyXml(stored)).toContain(`Line ${i}<`);
    });
  });
}
