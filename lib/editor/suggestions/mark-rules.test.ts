import {
  applySuggestion,
  revertSuggestion,
  suggestChanges,
  transformToSuggestionTransaction,
} from "@handlewithcare/prosemirror-suggest-changes";
import type { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { bodySchema } from "../schema";
import { attributeSuggestions } from "./attribution";
import { newSuggestionId, parseSuggestionId } from "./id";
import { withoutPendingSuggestions } from "./view";

/** The library's mark rules as this newsroom uses them (with attributeSuggestions). */

const rita = "u-rita";
const ed = "u-ed";

/** A body editor state whose transactions `who` makes as suggestions. */
function suggest(
  state: EditorState,
  who: string,
  change: (tr: Transaction) => void,
): EditorState {
  const tr = state.tr;
  change(tr);
  const ownId = newSuggestionId(who);
  const suggested = transformToSuggestionTransaction(tr, state, () => ownId);
  attributeSuggestions(suggested, state.doc, ownId);
  return state.apply(suggested);
}

function paragraph(text: string): EditorState {
  const schema = bodySchema();
  return EditorState.create({
    doc: schema.node("doc", null, [
      schema.node("paragraph", null, [schema.text(text)]),
    ]),
    plugins: [suggestChanges()],
  });
}

/** The text of each run with the author of its suggestion, if any. */
function runs(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const mark = node.marks.find((m) => m.attrs.id !== undefined);
    const who = mark
      ? `${mark.type.name}:${parseSuggestionId(mark.attrs.id)?.userId}`
      : "";
    out.push(who ? `${node.text}[${who}]` : node.text!);
    return false;
  });
  return out;
}

describe("mark rules", () => {
  it("keeps two people's suggestions apart, and rejecting all restores the text", () => {
    let state = paragraph("The quick brown fox");
    state = suggest(state, rita, (tr) => tr.delete(5, 11)); // "quick "
    state = suggest(state, ed, (tr) => tr.insertText("lazy ", 17)); // before "fox"
    expect(runs(state.doc)).toEqual([
      "The ",
      `quick [deletion:${rita}]`,
      "brown ",
      `lazy [insertion:${ed}]`,
      "fox",
    ]);
    expect(withoutPendingSuggestions(state.doc).textContent).toBe(
      "The quick brown fox",
    );
  });

  it("credits words typed next to someone's suggestion to their own author", () => {
    let state = paragraph("The quick brown fox");
    state = suggest(state, ed, (tr) => tr.insertText("very ", 5));
    // Rita types right after Ed's insertion, then inside it.
    state = suggest(state, rita, (tr) => tr.insertText("and ", 10));
    state = suggest(state, rita, (tr) => tr.insertText("!", 7));
    expect(runs(state.doc)).toEqual([
      "The ",
      `ve[insertion:${ed}]`,
      `![insertion:${rita}]`,
      `ry [insertion:${ed}]`,
      `and [insertion:${rita}]`,
      "quick brown fox",
    ]);
  });

  it("makes a word typed key by key one suggestion", () => {
    let state = paragraph("The fox");
    for (const [i, ch] of [..."red "].entries())
      state = suggest(state, rita, (tr) => tr.insertText(ch, 5 + i));
    expect(runs(state.doc)).toEqual(["The ", `red [insertion:${rita}]`, "fox"]);
    const ids = new Set<unknown>();
    state.doc.descendants((node) => {
      for (const mark of node.marks) ids.add(mark.attrs.id);
    });
    expect(ids.size).toBe(1);
  });

  it("keeps someone's deletion theirs when a deletion is made next to it", () => {
    let state = paragraph("The quick brown fox");
    state = suggest(state, ed, (tr) => tr.delete(5, 11)); // "quick "
    state = suggest(state, rita, (tr) => tr.delete(11, 17)); // "brown "
    expect(runs(state.doc)).toEqual([
      "The ",
      `quick [deletion:${ed}]`,
      `brown [deletion:${rita}]`,
      "fox",
    ]);
  });

  it("deleting over someone's suggested insertion removes it, and marks the rest", () => {
    let state = paragraph("The quick brown fox");
    state = suggest(state, ed, (tr) => tr.insertText("very ", 5));
    // Rita deletes "very quick": Ed's pending words simply go, "quick" is suggested deleted.
    state = suggest(state, rita, (tr) => tr.delete(5, 16));
    expect(state.doc.textContent).toBe("The quick brown fox");
    expect(runs(state.doc)).toContain(`quick [deletion:${rita}]`);
  });

  it("accepts an insertion inside someone's deleted range and keeps their deletion open", () => {
    const schema = bodySchema();
    const del = schema.marks.deletion!.create({ id: newSuggestionId(rita) });
    const insId = newSuggestionId(ed);
    const ins = schema.marks.insertion!.create({ id: insId });
    const doc = schema.node("doc", null, [
      schema.node("paragraph", null, [
        schema.text("The "),
        schema.text("quick ", [del]),
        schema.text("very ", [ins]),
        schema.text("brown", [del]),
        schema.text(" fox"),
      ]),
    ]);
    let state = EditorState.create({ doc, plugins: [suggestChanges()] });
    applySuggestion(insId)(state, (tr) => (state = state.apply(tr)));
    expect(runs(state.doc)).toEqual([
      "The ",
      `quick [deletion:${rita}]`,
      "very ",
      `brown[deletion:${rita}]`,
      " fox",
    ]);
    revertSuggestion(del.attrs.id as string)(
      state,
      (tr) => (state = state.apply(tr)),
    );
    expect(state.doc.textContent).toBe("The quick very brown fox");
    expect(runs(state.doc)).toEqual(["The quick very brown fox"]);
  });
});
