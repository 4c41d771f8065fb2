import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";
import { StoryGuard } from "./story-guard";
import { appendParagraph, lastText, paragraphTexts } from "./testing/harness";

const MAX_STORY_BYTES = 1024 * 1024;

/** A client's copy of `doc`: what it changes next arrives as one update per transaction. */
function clientOf(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  copy.on("update", (update: Uint8Array) => updates.push(update));
  return { doc: copy, updates };
}

/**
 * A room holding a paragraph, its guard, and a peer (another server's client) that added a
 * paragraph and then typed in it: the second edit has reached the room and waits for the first.
 */
function roomWithWaitingEdit() {
  const room = new Y.Doc();
  appendParagraph(room, "Harbour reopens.");
  const guard = new StoryGuard(
    "story-1",
    room,
    MAX_STORY_BYTES,
    createMetrics(),
  );
  const peer = clientOf(room);
  appendParagraph(peer.doc, "Ferries resume");
  lastText(peer.doc).insert(lastText(peer.doc).length, " on Monday.");
  const [paragraph, sentence] = peer.updates;
  Y.applyUpdate(room, sentence!, "peer");
  return { room, guard, peer, paragraph: paragraph! };
}

describe("the story guard and another server's edits waiting for what they build on", () => {
  const mina = { id: "user-1", name: "Mina" };

  it("keeps them while a socket's edit is applied, so they land once the rest arrives", () => {
    // Another server relays two edits of its client; the first one is lost on the way for now.
    const { room, guard, paragraph } = roomWithWaitingEdit();
    expect(room.store.pendingStructs).not.toBeNull();

    // Meanwhile a socket here sends an edit of its own: checked, applied in full.
    const reporter = clientOf(room);
    appendParagraph(reporter.doc, "Officials said so.");
    expect(guard.apply(reporter.updates[0]!, mina, "socket")).toBe("applied");
    expect(room.store.pendingStructs).not.toBeNull();

    // The lost edit arrives: the one that waited lands after it.
    Y.applyUpdate(room, paragraph, "peer");
    expect(room.store.pendingStructs).toBeNull();
    expect(paragraphTexts(room).sort()).toEqual(
      [
        "Harbour reopens.",
        "Ferries resume on Monday.",
        "Officials said so.",
      ].sort(),
    );
  });

  it("still refuses a socket's edit that builds on what the room lacks, and keeps what waits", () => {
    const { room, guard, peer, paragraph } = roomWithWaitingEdit();

    // A reporter who saw the peer's paragraph types into it; the room has not got it yet.
    const reporter = clientOf(peer.doc);
    lastText(reporter.doc).insert(0, "All ");
    expect(guard.apply(reporter.updates[0]!, mina, "socket")).toBe(
      "unresolvable",
    );
    expect(room.store.pendingStructs).not.toBeNull();
    Y.applyUpdate(room, paragraph, "peer");
    expect(paragraphTexts(room)).toEqual([
      "Harbour reopens.",
      "Ferries resume on Monday.",
    ]);
  });
});
