import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { encodeInitialStoryDocument } from "./story-document";
import { suggestOnlyProblem } from "./suggest-only";
import { newSuggestionId } from "./suggestions/id";

const rita = "0b7c9a52-1d3e-4f6a-8b9c-0d1e2f3a4b5c";
const desk = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

/** A story whose one paragraph reads "The council met." with the desk's pending suggestions. */
function story(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(
    doc,
    encodeInitialStoryDocument({
      headline: "Council meets",
      body: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "The council met" },
              {
                type: "text",
                text: " tonight",
                marks: [
                  { type: "insertion", attrs: { id: newSuggestionId(desk) } },
                ],
              },
              { type: "text", text: "." },
            ],
          },
        ],
      },
    }),
  );
  return doc;
}

/** What `change` does to a copy of `doc`, as the update its client would send. */
function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function paragraph(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment("body").get(0) as Y.XmlElement).get(
    0,
  ) as Y.XmlText;
}

describe("suggestions only", () => {
  it("passes suggesting, taking back one's suggestion, rejecting the desk's, and comments", () => {
    const doc = story();
    const id = newSuggestionId(rita);
    const suggest = updateOf(doc, (d) =>
      paragraph(d).insert(4, "city ", { insertion: { id } }),
    );
    expect(suggestOnlyProblem(doc, suggest)).toBeNull();
    Y.applyUpdate(doc, suggest);
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => paragraph(d).delete(4, "city ".length)),
      ),
    ).toBeNull();
    // Rejecting the desk's insertion takes its text out: readers never had it.
    const at = "The city council met".length;
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => paragraph(d).delete(at, " tonight".length)),
      ),
    ).toBeNull();
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) =>
          paragraph(d).format(4, 4, {
            deletion: { id: newSuggestionId(rita) },
          }),
        ),
      ),
    ).toBeNull();
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => d.getMap("comments").set("t1", new Y.Map())),
      ),
    ).toBeNull();
  });

  it("refuses a direct change, accepting a suggestion, and a change of details", () => {
    const doc = story();
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => paragraph(d).insert(0, "Today ")),
      ),
    ).toContain("only by suggesting");
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => paragraph(d).delete(0, 4)),
      ),
    ).toContain("only by suggesting");
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) =>
          paragraph(d).format("The council met".length, " tonight".length, {
            insertion: null,
          }),
        ),
      ),
    ).toContain("only by suggesting");
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => {
          const line = d.getXmlFragment("headline").get(0) as Y.XmlElement;
          (line.get(0) as Y.XmlText).insert(0, "Breaking: ");
        }),
      ),
    ).toContain("only by suggesting");
    expect(
      suggestOnlyProblem(
        doc,
        updateOf(doc, (d) => d.getMap("meta").set("section", "Politics")),
      ),
    ).toContain("details");
  });
});
