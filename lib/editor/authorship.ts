import * as Y from "yjs";
import { FIGURE_ALT, FIGURE_CREDIT } from "./figure";
import { Y_BODY } from "./names";
import { INSERTION } from "./suggestions/marks";
import { countWords } from "./word-count";

/** Yjs client id → the account that wrote under it (unknown ids are earlier text). */
export type WriterClaims = ReadonlyMap<number, string>;

/** Words of the body by who wrote them. */
export interface WordsByWriter {
  /** User id → words, in order of first appearance in the body. */
  words: Map<string, number>;
  /** Words written under no claimed client id: the seed's, an import's, a restored version's. */
  unattributed: number;
}

/** A run of a text block's characters written under one client id. */
export interface TextRun {
  /** Offset of the run in its block's text, in UTF-16 units (as ProseMirror counts text). */
  offset: number;
  text: string;
  client: number;
  /** Inside a pending suggested insertion: not yet part of the story. */
  suggested: boolean;
}

/**
 * The visible characters of `text` as runs, one per live Yjs item, in order. Read off the items
 * (not a delta) because only items know their client id.
 */
export function textRuns(text: Y.XmlText): TextRun[] {
  const runs: TextRun[] = [];
  let offset = 0;
  let inserting = false;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.key === INSERTION) inserting = content.value != null;
    } else if (content instanceof Y.ContentString) {
      runs.push({
        offset,
        text: content.str,
        client: item.id.client,
        suggested: inserting,
      });
      offset += content.str.length;
    } else offset += item.length;
  }
  return runs;
}

/**
 * Counts the body's words by writer, as readers see the text (pending suggested insertions are
 * not words yet). A word typed by several people goes to whoever typed most of its characters
 * (the first of them on a tie); words never cross a block.
 */
export function countWordsByWriter(
  doc: Y.Doc,
  claims: WriterClaims,
): WordsByWriter {
  const result: WordsByWriter = { words: new Map(), unattributed: 0 };
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child instanceof Y.XmlText) countBlock(child, claims, result);
      else if (
        child instanceof Y.XmlElement &&
        child.nodeName !== FIGURE_CREDIT &&
        child.nodeName !== FIGURE_ALT
      )
        walk(child);
    }
  };
  walk(doc.getXmlFragment(Y_BODY));
  return result;
}

function countBlock(
  text: Y.XmlText,
  claims: WriterClaims,
  result: WordsByWriter,
): void {
  let word = "";
  // Characters of the current word per writer (null: unattributed), in order of appearance.
  let shares = new Map<string | null, number>();
  const endWord = () => {
    const words = countWords(word);
    if (words > 0) {
      let writer: string | null = null;
      let most = 0;
      for (const [who, chars] of shares)
        if (chars > most) [writer, most] = [who, chars];
      if (writer === null) result.unattributed += words;
      else result.words.set(writer, (result.words.get(writer) ?? 0) + words);
    }
    word = "";
    shares = new Map();
  };
  for (const run of textRuns(text)) {
    if (run.suggested) continue;
    const writer = claims.get(run.client) ?? null;
    for (const char of run.text) {
      if (/\s/.test(char)) {
        endWord();
        continue;
      }
      word += char;
      shares.set(writer, (shares.get(writer) ?? 0) + 1);
    }
  }
  endWord();
}
