import { describe, expect, it } from "vitest";
import { CloseCode } from "../lib/collab/protocol";
import { loadStoryDoc } from "../lib/db/documents";
import { storeVariants } from "../lib/db/testing";
import { newSuggestionId } from "../lib/editor/suggestions/id";
import { appendParagraph, bodyXml, waitFor, lastText } from "./testing/harness";
import { useStoryRoom } from "./testing/story-room";

for (const variant of storeVariants()) {
  describe(`suggestions are made in the socket's own name (${variant.name})`, () => {
    const room = useStoryRoom(variant, {
      people: {
        reporter: ["reporter", "Rita Reporter"],
        editor: ["editor", "Ed Editor"],
      },
      author: "reporter",
      story: { headline: "Flood warning" },
    });

    it("relays and stores one's own suggestion, and closes a socket claiming someone else's with 4422", async () => {
      const rita = await room.join(room.people.reporter);
      const ed = await room.join(room.people.editor);
      appendParagraph(rita.doc, "The river rose.");
      await rita.saved();

      const own = newSuggestionId(room.people.editor.id);
      lastText(ed.doc).insert(4, "brown ", { insertion: { id: own } });
      await ed.saved();
      await waitFor(
        () => bodyXml(rita.doc).includes("brown"),
        "the suggestion to reach Rita",
      );
      expect(lastText(rita.doc).toDelta()).toContainEqual({
        insert: "brown ",
        attributes: { insertion: { id: own } },
      });

      // Rita's socket claims a new suggestion by Ed: refused, nothing of it kept.
      lastText(rita.doc).format(0, 3, {
        deletion: { id: newSuggestionId(room.people.editor.id) },
      });
      const closed = await rita.closed();
      expect(closed.code).toBe(CloseCode.offSchema);
      expect(closed.reason).toContain("another user");

      await room.server.registry.flushAll();
      const stored = await loadStoryDoc(room.ts.store, room.storyId);
      const delta = lastText(stored).toDelta() as Array<{
        attributes?: Record<string, unknown>;
      }>;
      expect(delta.some((d) => d.attributes?.deletion)).toBe(false);
      expect(delta.some((d) => d.attributes?.insertion)).toBe(true);
    });
  });
}
