import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { bodyText } from "./render";
import { bodySchema } from "./schema";
import { countWords } from "./word-count";
import { readerWordCount } from "./suggestions/count";
import { newSuggestionId } from "./suggestions/id";
import {
  BodyWordCounter,
  encodeInitialStoryDocument,
  readBody,
} from "./story-document";

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

describe("BodyWordCounter", () => {
  it("counts body words as the body changes, recounting only what changed", () => {
    const doc = docOf(
      encodeInitialStoryDocument({
        headline: "Not counted",
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Rain fell " },
                { type: "text", text: "all", marks: [{ type: "bold" }] },
                { type: "text", text: " night." },
              ],
            },
            {
              type: "bulletList",
              content: [
                {
                  type: "listItem",
                  content: [
                    {
                      type: "paragraph",
                      content: [
                        { type: "text", text: "서울 시민 Ferries stopped" },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      }),
    );
    const counter = new BodyWordCounter(doc);
    const expected = () => countWords(bodyText(readBody(doc)));
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(4 + 4 + 2);

    const body = doc.getXmlFragment("body");
    const first = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    first.insert(first.length, " Rivers rose");
    first.format(0, 4, { italic: {} });
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(12);
    // Deleted characters stay in the block as deleted items: they are not counted.
    first.delete(first.length - " Rivers rose".length, " Rivers rose".length);
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(10);
    first.insert(first.length, " Rivers rose");

    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Three more words")]);
    body.insert(1, [paragraph]);
    expect(counter.count()).toBe(15);
    body.delete(0, 1);
    expect(counter.count()).toBe(expected());
    expect(counter.count()).toBe(9);
  });
  it("counts as readers see it: a pending insertion is not a word yet, a pending deletion still is", () => {
    const id = newSuggestionId("5f0c3d1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f");
    const body = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "The " },
            {
              type: "text",
              text: "council",
              marks: [{ type: "deletion", attrs: { id } }],
            },
            { type: "text", text: " met" },
            {
              type: "text",
              text: " this evening",
              marks: [{ type: "insertion", attrs: { id } }],
            },
            { type: "text", text: "." },
          ],
        },
      ],
    };
    const doc = docOf(encodeInitialStoryDocument({ headline: "Count", body }));
    const counter = new BodyWordCounter(doc);
    expect(counter.count()).toBe(countWords(bodyText(readBody(doc))));
    expect(counter.count()).toBe(3);
    // The editor's count says the same as the list's.
    expect(readerWordCount(bodySchema().nodeFromJSON(body))).toBe(3);

    // Accepted: the insertion's mark goes, and its words count.
    const text = (doc.getXmlFragment("body").get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
    text.format("The council met".length, " this evening".length, {
      insertion: null,
    });
    expect(counter.count()).toBe(countWords(bodyText(readBody(doc))));
    expect(counter.count()).toBe(5);
  });
  it("keeps the word count equal to a full count through random edits", () => {
    const doc = docOf(
      encodeInitialStoryDocument({
        headline: "Counting",
        body: {
          type: "doc",
          content: [
            { type: "paragraph", content: [{ type: "text", text: "One two" }] },
            {
              type: "blockquote",
              content: [
                {
                  type: "paragraph",
                  content: [{ type: "text", text: "Quoted words here" }],
                },
              ],
            },
          ],
        },
      }),
    );
    const counter = new BodyWordCounter(doc);
    const expected = () => countWords(bodyText(readBody(doc)));
    const body = doc.getXmlFragment("body");
    // Every text block, nested ones included.
    const blocks = () =>
      [...body.createTreeWalker((node) => node instanceof Y.XmlText)].map(
        (node) => node as Y.XmlText,
      );
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const words = ["storm ", "rain", " ", "서울 ", "flood-wall ", "42 "];
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const texts = blocks();
      const text = texts[Math.floor(random() * texts.length)]!;
      if (roll < 0.1) {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText("new block")]);
        body.insert(Math.floor(random() * (body.length + 1)), [paragraph]);
      } else if (roll < 0.15 && body.length > 1) {
        body.delete(Math.floor(random() * body.length), 1);
      } else if (roll < 0.4 && text.length > 0) {
        const at = Math.floor(random() * text.length);
        text.delete(at, Math.min(3, text.length - at));
      } else if (roll < 0.45 && text.length > 0) {
        text.format(0, Math.ceil(random() * text.length), { bold: {} });
      } else {
        const word = words[Math.floor(random() * words.length)]!;
        text.insert(Math.floor(random() * (text.length + 1)), word);
      }
      if (random() < 0.5) expect(counter.count()).toBe(expected());
    }
    expect(counter.count()).toBe(expected());
  });
});
