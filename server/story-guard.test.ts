import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  CloseCode,
  docNameForStory,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  SYNC_STEP1,
} from "../lib/collab/protocol";
import {
  readStored,
  syncStep2Message,
  syncUpdateMessage,
} from "../lib/collab/wire";
import { loadStoryDoc } from "../lib/db/documents";
import { storeVariants } from "../lib/db/testing";
import { checkStoryDocument } from "../lib/editor/document-check";
import { appendParagraph, bodyXml, tokenFor, waitFor } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

const UPLOAD = "/uploads/0123456789abcdef0123456789abcdef.jpg";

/** Changes a client makes that do not fit the story's schema, each as the Yjs API allows. */
const offSchemaChanges: Record<string, (doc: Y.Doc) => void> = {
  "a figure credit that is an array": (doc) => {
    const figure = new Y.XmlElement("figure");
    figure.setAttribute("src", UPLOAD);
    // The renderer once turned this into a live <script>.
    figure.setAttribute("credit", [
      "script",
      {},
      "alert(1)",
    ] as unknown as string);
    const body = doc.getXmlFragment("body");
    body.insert(body.length, [figure]);
  },
  "bare text under the body": (doc) => {
    const body = doc.getXmlFragment("body");
    body.insert(0, [new Y.XmlText("HOSTILE body text")]);
  },
  "bare text in the headline": (doc) => {
    doc
      .getXmlFragment("headline")
      .insert(0, [new Y.XmlText("HOSTILE headline")]);
  },
  "an unknown top-level name": (doc) => {
    doc.getMap("evil").set("x", "<script>alert(1)</script>");
  },
};

/** A raw socket that records the server's sync step 1s and acknowledgements. */
function rawWriter(url: string) {
  const ws = new WebSocket(url);
  const seen = { step1s: 0, acked: 0 };
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP1)
      seen.step1s++;
    if (type === MESSAGE_STORED)
      seen.acked = readStored(decoder).storedMessages;
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("error", reject);
  });
  return { ws, seen, opened };
}

for (const variant of storeVariants()) {
  describe(`the server enforces the story schema (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        colleague: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Flood warning" },
      server: { maxStoryBytes: 40_000 },
    });

    it("closes a socket sending an off-schema update with 4422; nothing of it is stored or relayed, and the others carry on", async () => {
      const honest = await room.join(room.people.colleague);
      for (const [name, change] of Object.entries(offSchemaChanges)) {
        const hostile = await room.join(room.people.reporter);
        change(hostile.doc);
        const closed = await hostile.closed();
        expect(closed.code, name).toBe(CloseCode.offSchema);
        expect(closed.reason, name).toMatch(/^off schema: /);
        // The stock client does not reconnect on a 44xx code.
        expect(hostile.provider.shouldConnect, name).toBe(false);

        appendParagraph(honest.doc, `Still here after ${name}.`);
        await honest.saved();
        // Relayed, it would have reached the honest client before its own edit was stored.
        expect(checkStoryDocument(honest.doc), name).toEqual([]);
        expect(bodyXml(honest.doc)).not.toContain("HOSTILE");
      }
      expect(room.server.metrics.offSchemaUpdates.get()).toBe(
        Object.keys(offSchemaChanges).length,
      );
      await room.server.registry.flushAll();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      expect(checkStoryDocument(stored)).toEqual([]);
      for (const name of Object.keys(offSchemaChanges))
        expect(bodyXml(stored)).toContain(`Still here after ${name}.`);
      expect(bodyXml(stored)).not.toMatch(/HOSTILE|<figure/);
      expect(stored.getXmlFragment("headline").toString()).not.toContain(
        "HOSTILE",
      );
      expect(stored.share.has("evil")).toBe(false);
    });

    it("closes a socket whose update would take the story past its size limit with 4413", async () => {
      const honest = await room.join(room.people.colleague);
      const big = await room.join(room.people.reporter);
      appendParagraph(big.doc, "a".repeat(10_000));
      await big.saved();
      appendParagraph(big.doc, "b".repeat(35_000));
      const closed = await big.closed();
      expect(closed.code).toBe(CloseCode.storyTooLarge);
      expect(closed.reason).toMatch(/^story too large/);
      expect(room.server.metrics.oversizeUpdates.get()).toBe(1);

      appendParagraph(honest.doc, "A short line still fits.");
      await honest.saved();
      expect(bodyXml(honest.doc)).not.toContain("bbbb");
      const stored = bodyXml(await loadStoryDoc(room.ts.store, room.storyId));
      expect(stored).toContain("a".repeat(10_000));
      expect(stored).toContain("A short line still fits.");
      expect(stored).not.toContain("bbbb");
    });

    it("applies no update built on content it lacks: asks for it with a step 1 and acknowledges only once the step 2 brings it", async () => {
      const url = `${room.server.url}/${docNameForStory(room.storyId)}?token=${await tokenFor(room.people.reporter, room.storyId)}&ack=1`;
      const raw = rawWriter(url);
      await raw.opened;
      await waitFor(() => raw.seen.step1s === 1, "the greeting's step 1");
      const local = await loadStoryDoc(room.ts.store, room.storyId);
      const synced = Y.encodeStateVector(local);
      // Message 1: the answer to the greeting (nothing the server lacks).
      raw.ws.send(syncStep2Message(Y.encodeStateAsUpdate(local, synced)));
      await waitFor(() => raw.seen.acked === 1, "the step 2's acknowledgement");

      appendParagraph(local, "First.");
      const afterFirst = Y.encodeStateVector(local);
      appendParagraph(local, "Second.");
      // Message 2: only the second edit, which builds on the first.
      raw.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(local, afterFirst)));
      await waitFor(() => raw.seen.step1s === 2, "a step 1 asking for it");
      expect(room.server.metrics.unresolvableUpdates.get()).toBe(1);
      // Message 3: an edit the server can apply is not acknowledged either (an
      // acknowledgement would count message 2 as stored).
      const headline = local.getXmlFragment("headline").get(0) as Y.XmlElement;
      const beforeDelete = Y.encodeStateVector(local);
      (headline.get(0) as Y.XmlText).delete(0, 1);
      raw.ws.send(
        syncUpdateMessage(Y.encodeStateAsUpdate(local, beforeDelete)),
      );
      const observer = await room.join(room.people.colleague);
      await waitFor(
        () =>
          observer.doc
            .getXmlFragment("headline")
            .toString()
            .includes(">lood warning<"),
        "the observer to see message 3",
      );
      await room.server.registry.flushAll();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(raw.seen.acked).toBe(1);
      expect(bodyXml(observer.doc)).not.toContain("Second.");

      // Message 4: the answer to the step 1 carries everything.
      raw.ws.send(syncStep2Message(Y.encodeStateAsUpdate(local, synced)));
      await waitFor(
        () => raw.seen.acked === 4,
        "the acknowledgement of all four",
      );
      const stored = bodyXml(await loadStoryDoc(room.ts.store, room.storyId));
      expect(stored).toContain("First.");
      expect(stored).toContain("Second.");
      raw.ws.close();
    });
  });
}
