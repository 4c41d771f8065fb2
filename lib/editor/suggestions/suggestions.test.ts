import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { figureJson } from "../figure";
import { renderBodyHtml } from "../render";
import { bodySchema } from "../schema";
import { readBody, readSingleLine } from "../story-document";
import { checkStoryUpdate } from "../update-guard";
import {
  edit,
  firstText,
  photo,
  story,
  writer,
} from "../update-guard.fixtures";
import { newSuggestionId, parseSuggestionId } from "./id";
import { listSuggestions, mayDecide } from "./list";

const rita = writer.id;
const ed = "u-ed";

describe("suggestion ids", () => {
  it("carry who and when, and nothing else parses", () => {
    const id = newSuggestionId(rita, 1_700_000_000_000);
    expect(parseSuggestionId(id)).toEqual({
      userId: rita,
      at: new Date(1_700_000_000_000),
    });
    for (const bad of ["", "x", 7, null, `${rita}:12:ab`, `a b:1:abcd`])
      expect(parseSuggestionId(bad)).toBeNull();
  });
});

describe("the update guard", () => {
  const insert = (id: unknown) => (d: Y.Doc) =>
    firstText(d).insert(0, "Heavy ", { insertion: { id } });

  it("accepts a suggestion in the writer's own name", () => {
    const server = story();
    const update = edit(server, insert(newSuggestionId(rita)));
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: true,
    });
    const deletion = edit(server, (d) =>
      firstText(d).format(0, 4, { deletion: { id: newSuggestionId(rita) } }),
    );
    expect(checkStoryUpdate(server, deletion, writer)).toMatchObject({
      ok: true,
    });
  });

  it("refuses malformed suggestion attributes", () => {
    const server = story();
    for (const value of [
      { id: "rita" },
      { id: 3 },
      {},
      { id: newSuggestionId(rita), by: "someone" },
    ]) {
      const update = edit(server, (d) =>
        firstText(d).insert(0, "x", { insertion: value }),
      );
      expect(checkStoryUpdate(server, update, writer)).toMatchObject({
        ok: false,
      });
    }
  });

  it("refuses a new suggestion in another person's name", () => {
    const server = story();
    const verdict = checkStoryUpdate(
      server,
      edit(server, insert(newSuggestionId(ed))),
      writer,
    );
    expect(verdict).toMatchObject({ ok: false });
    expect((verdict as { reason: string }).reason).toContain(
      "claims a new suggestion by another user",
    );
  });

  it("lets a writer carry along another person's suggestion already in the story", () => {
    const server = story();
    const id = newSuggestionId(ed);
    Y.applyUpdate(server, edit(server, insert(id)));
    // Rita's client rewrites the paragraph's text with Ed's suggestion in it (a join, an undo).
    const update = edit(server, (d) =>
      firstText(d).insert(0, "Very ", { insertion: { id } }),
    );
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: true,
    });
  });

  it("refuses the library's attribute-change mark (not stored)", () => {
    const server = story();
    const update = edit(server, (d) =>
      firstText(d).format(0, 2, {
        modification: { id: newSuggestionId(rita), type: "attr" },
      }),
    );
    expect(checkStoryUpdate(server, update, writer)).toMatchObject({
      ok: false,
    });
  });
});

describe("what readers see", () => {
  it("is the text with every pending suggestion rejected", () => {
    const doc = story();
    const text = firstText(doc); // "Rain."
    text.insert(0, "Heavy ", { insertion: { id: newSuggestionId(ed) } });
    text.format(6, 4, { deletion: { id: newSuggestionId(ed) } });
    const headline = (
      doc.getXmlFragment("headline").get(0) as Y.XmlElement
    ).get(0) as Y.XmlText; // "Storm warning"
    headline.insert(13, " lifted", { insertion: { id: newSuggestionId(ed) } });
    headline.format(0, 6, { deletion: { id: newSuggestionId(ed) } });

    const body = readBody(doc);
    expect(body.firstChild!.textContent).toBe("Rain.");
    expect(body.firstChild!.firstChild!.marks).toEqual([]);
    const html = renderBodyHtml(body);
    expect(html).not.toMatch(/<ins|<del|Heavy|suggestion/);
    expect(readSingleLine(doc, "headline")).toBe("Storm warning");
  });
});

describe("the suggestions list", () => {
  it("groups a replacement's deletion and insertion, and tells a caption from the text", () => {
    const schema = bodySchema();
    const id = newSuggestionId(ed, 1_700_000_000_000);
    const other = newSuggestionId(rita);
    const doc = schema.nodeFromJSON({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Rain " },
            {
              type: "text",
              text: "fell",
              marks: [{ type: "deletion", attrs: { id } }],
            },
            {
              type: "text",
              text: "poured",
              marks: [{ type: "insertion", attrs: { id } }],
            },
          ],
        },
        figureJson({
          src: photo,
          credit: "AP",
          caption: [
            { type: "text", text: "A boat" },
            {
              type: "text",
              text: " sinking",
              marks: [{ type: "insertion", attrs: { id: other } }],
            },
          ],
        }),
      ],
    });
    // The schema allows suggestions in a caption (else the library's marks would silently drop).
    doc.check();
    const withCaption = doc;
    const list = listSuggestions(withCaption);
    expect(list).toMatchObject([
      { id, userId: ed, inserted: "poured", deleted: "fell", inCaption: false },
      {
        id: other,
        userId: rita,
        inserted: " sinking",
        deleted: "",
        inCaption: true,
      },
    ]);
    expect(list[0]!.at).toEqual(new Date(1_700_000_000_000));
    // Its range covers both its deleted and its inserted text (a comment on it covers that).
    const first = list[0]!;
    expect(withCaption.textBetween(first.from, first.to)).toBe("fellpoured");
  });

  it("lets the desk decide on everyone's, authors on the desk's, anyone on their own", () => {
    const desk = { id: ed, desk: true, author: false };
    const author = { id: rita, desk: false, author: true };
    const colleague = { id: "u-x", desk: false, author: false };
    expect(mayDecide(desk, rita, false)).toBe(true);
    expect(mayDecide(author, ed, true)).toBe(true);
    expect(mayDecide(author, "u-co", false)).toBe(false);
    expect(mayDecide(author, rita, false)).toBe(true);
    expect(mayDecide(colleague, ed, true)).toBe(false);
  });
});
