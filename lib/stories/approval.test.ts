import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { figureJson } from "../editor/figure";
import { newSuggestionId } from "../editor/suggestions/id";
import { META_SECTION, META_TAGS, Y_BODY, Y_META } from "../editor/names";
import { writeInitialStory } from "../editor/story-document";
import { approvedTextDigest } from "./approval";

const PHOTO = "/uploads/0123456789abcdef0123456789abcdef.webp";

function story(
  changes: {
    headline?: string;
    deck?: string;
    paragraph?: string;
    caption?: string;
    credit?: string;
  } = {},
): Y.Doc {
  const doc = new Y.Doc();
  writeInitialStory(doc, {
    headline: changes.headline ?? "Harbour reopens",
    deck: changes.deck ?? "Ferries return on Monday.",
    body: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: changes.paragraph ?? "The port is open." },
          ],
        },
        figureJson({
          src: PHOTO,
          caption: changes.caption ?? "The first ferry.",
          credit: changes.credit ?? "Mina Park",
        }),
      ],
    },
    meta: { section: "Local", tags: ["harbour"] },
  });
  return doc;
}

describe("what an approval approves", () => {
  const approved = approvedTextDigest(story());

  it("is the same for the same text", () => {
    expect(approvedTextDigest(story())).toBe(approved);
  });

  it.each([
    ["headline", { headline: "Harbour reopens early" }],
    ["deck", { deck: "Ferries return on Sunday." }],
    ["body", { paragraph: "The port is open again." }],
    ["caption", { caption: "The first ferry in." }],
    ["credit", { credit: "Ana Ruiz" }],
  ])("changes with the %s", (_field, change) => {
    expect(approvedTextDigest(story(change))).not.toBe(approved);
  });

  it("does not change with the desk's metadata (section, tags)", () => {
    const doc = story();
    doc.transact(() => {
      doc.getMap(Y_META).set(META_SECTION, "Business");
      doc.getMap(Y_META).set(META_TAGS, Y.Array.from(["ports"]));
    });
    expect(approvedTextDigest(doc)).toBe(approved);
  });

  it("does not change with a pending suggestion, and changes once it is accepted", () => {
    const doc = story();
    const paragraph = doc.getXmlFragment(Y_BODY).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(0, "Officially, ", {
      insertion: { id: newSuggestionId("editor-1") },
    });
    expect(approvedTextDigest(doc)).toBe(approved);
    // Accepting an insertion is keeping its text without the mark.
    text.format(0, "Officially, ".length, { insertion: null });
    expect(approvedTextDigest(doc)).not.toBe(approved);
  });
});
