import type { Mark, Node as PMNode, Schema } from "@tiptap/pm/model";
import { figureContent } from "./figure";
import { Transform } from "@tiptap/pm/transform";
import { updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { readThreads, reply, setResolved, startThread } from "./comments";
import {
  addByline,
  addTag,
  removeByline,
  removeTag,
  setDateline,
  setSection,
  updateByline,
} from "./meta";
import { Y_BODY, Y_DECK, Y_HEADLINE } from "./names";
import { readMeta } from "./story-document";
import { ensureTextChildren } from "./text-children";
import { markSet } from "./typed-node";
import type { Writer } from "./update-guard";
import { readRichText } from "./y-reader";

/**
 * Seeded random edits of a story, for fuzzing the update guard here and against the real server:
 * honest edits made the way the browser makes them (ProseMirror transforms written through
 * y-prosemirror's binding, the meta and comment helpers). Hostile updates are in
 * story-fuzz-hostile.ts, what every story must pass in story-invariants.ts.
 */

/** A seeded source of choices (mulberry32): the same seed makes the same run. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (items) => items[int(items.length)]!,
    chance: (p) => next() < p,
  };
}

// Characters of one UTF-16 unit only: random positions would split a surrogate pair, which the
// editor never does (Yjs sends half a pair as U+FFFD, so replicas would differ).
const words = [
  "storm ",
  "rain",
  " ",
  "서울 ",
  "Ferry ",
  "€5 ",
  "<b>x</b> ",
  "& ",
];
const uploads = [
  "/uploads/0123456789abcdef0123456789abcdef.jpg",
  "/uploads/fedcba9876543210fedcba9876543210-640.webp",
];
const links = ["https://example.com/a?b=1&c=2", "mailto:desk@example.com"];

/** Any text block of `doc`: where its text starts and ends. */
function textblocks(doc: PMNode): { from: number; to: number; node: PMNode }[] {
  const found: { from: number; to: number; node: PMNode }[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock)
      found.push({ from: pos + 1, to: pos + 1 + node.content.size, node });
    return !node.isTextblock;
  });
  return found;
}

function randomMarks(schema: Schema, random: Random): Mark[] {
  const marks: Mark[] = [];
  if (random.chance(0.2)) marks.push(schema.marks.bold!.create());
  if (random.chance(0.2)) marks.push(schema.marks.italic!.create());
  if (schema.marks.link && random.chance(0.1))
    marks.push(schema.marks.link.create({ href: random.pick(links) }));
  return marks;
}

function randomBlock(schema: Schema, random: Random): PMNode {
  const n = schema.nodes;
  const text = (s: string) => schema.text(s, randomMarks(schema, random));
  const paragraph = () =>
    n.paragraph!.create(null, text(random.pick(words) + "x"));
  switch (random.int(7)) {
    case 0:
      return n.heading!.create({ level: random.pick([2, 3]) }, text("Sub"));
    case 1:
      return n.horizontalRule!.create();
    case 2:
      return n.figure!.create(
        {
          src: random.pick(uploads),
          width: random.chance(0.5) ? null : 640,
          height: random.chance(0.5) ? null : 480,
        },
        [
          n.figureCaption!.create(
            null,
            random.chance(0.5) ? text("Caption") : null,
          ),
          ...figureContent(schema, {
            alt: random.chance(0.5) ? "" : "A ferry",
            credit: random.chance(0.5) ? "" : "AP",
          }).slice(1),
        ],
      );
    case 3:
    case 4: {
      const list = random.chance(0.5) ? n.bulletList! : n.orderedList!;
      const attrs = list === n.orderedList ? { start: random.int(5) } : null;
      return list.create(attrs, n.listItem!.create(null, paragraph()));
    }
    case 5:
      return n.blockquote!.create(null, paragraph());
    default:
      return paragraph();
  }
}

/** One random change of a rich-text field, as ProseMirror steps; false when none applied. */
function transformRichText(tr: Transform, random: Random): void {
  const doc = tr.doc;
  const schema = doc.type.schema;
  const blocks = textblocks(doc);
  const block = blocks.length ? random.pick(blocks) : null;
  const roll = random.int(8);
  if (block && block.to - block.from > 300) {
    // Keep blocks short, as rewriting whole texts (with no binding mapping) can repeat text.
    tr.delete(block.from, block.from + 200);
  } else if (block && roll < 3) {
    const at = block.from + random.int(block.to - block.from + 1);
    const marks = markSet(block.node.type, randomMarks(schema, random));
    tr.insert(at, schema.text(random.pick(words), marks));
  } else if (block && roll < 5 && block.to > block.from) {
    const from = block.from + random.int(block.to - block.from);
    tr.delete(from, Math.min(block.to, from + 1 + random.int(6)));
  } else if (block && roll < 6 && block.to > block.from) {
    const from = block.from + random.int(block.to - block.from);
    const marks = markSet(block.node.type, randomMarks(schema, random));
    const to = Math.min(block.to, from + 1 + random.int(8));
    for (const mark of marks) tr.addMark(from, to, mark);
    if (random.chance(0.3)) tr.removeMark(from, to, schema.marks.bold);
  } else if (roll < 7 && schema.nodes.figure) {
    const offsets: number[] = [0];
    doc.forEach((node, offset) => offsets.push(offset + node.nodeSize));
    let figure: { pos: number; node: PMNode } | null = null;
    doc.descendants((node, pos) => {
      if (!figure && node.type.name === "figure") figure = { pos, node };
      return !figure;
    });
    const found = figure as { pos: number; node: PMNode } | null;
    if (found && random.chance(0.5))
      tr.setNodeMarkup(found.pos, undefined, {
        ...found.node.attrs,
        width: random.pick([null, 640, 1200]),
      });
    else if (doc.childCount > 12 || random.chance(0.3)) {
      const i = random.int(doc.childCount);
      let at = 0;
      for (let k = 0; k < i; k++) at += doc.child(k).nodeSize;
      if (doc.childCount > 1) tr.delete(at, at + doc.child(i).nodeSize);
    } else tr.insert(random.pick(offsets), randomBlock(schema, random));
  } else if (block) {
    tr.split(block.from + random.int(block.to - block.from + 1));
  }
}

/** Writes `target` into a rich-text field as the browser's binding does, text children included. */
function writeRichText(doc: Y.Doc, name: string, target: PMNode): void {
  const fragment = doc.getXmlFragment(name);
  doc.transact(() =>
    updateYFragment(doc, fragment, target, {
      mapping: new Map(),
      isOMark: new Map(),
    }),
  );
  doc.transact(() => ensureTextChildren(fragment));
}

/**
 * What y-prosemirror does when it builds the editor's content: a text that this client created
 * right after another text of the same block is moved into that one (y-prosemirror #160). Its
 * binding then keeps the two as one text node; without this, writers rewriting a block of two
 * texts at once would each copy the second into the first.
 */
function mergeOwnTexts(doc: Y.Doc, fragment: Y.XmlFragment): void {
  const texts = [...fragment.createTreeWalker((n) => n instanceof Y.XmlText)];
  doc.transact((tr) => {
    for (const text of texts as Y.XmlText[]) {
      const next = (text._item?.right?.content as Y.ContentType | undefined)
        ?.type;
      if (
        next instanceof Y.XmlText &&
        !next._item!.deleted &&
        next._item!.id.client === doc.clientID
      ) {
        text.applyDelta([{ retain: text.length }, ...next.toDelta()]);
        next._item!.delete(tr);
      }
    }
  });
}

function editRichText(doc: Y.Doc, name: string, random: Random): string {
  mergeOwnTexts(doc, doc.getXmlFragment(name));
  const tr = new Transform(readRichText(doc, name));
  try {
    transformRichText(tr, random);
    tr.doc.check();
  } catch {
    return `${name}: nothing`;
  }
  if (!tr.docChanged) return `${name}: nothing`;
  writeRichText(doc, name, tr.doc);
  return `${name}: ${tr.steps.map((s) => s.constructor.name).join(", ")}`;
}

function editDetails(doc: Y.Doc, random: Random, writer: Writer): string {
  const meta = readMeta(doc);
  switch (random.int(8)) {
    case 0:
      addTag(doc, random.pick(["storm", "Busan", "ferries", " x ".repeat(40)]));
      return "addTag";
    case 1:
      if (meta.tags.length) removeTag(doc, random.pick(meta.tags));
      return "removeTag";
    case 2:
      addByline(doc, { name: writer.name, email: "w@example.com" });
      return "addByline";
    case 3:
      if (meta.bylines.length) {
        const i = random.int(meta.bylines.length);
        if (random.chance(0.5)) removeByline(doc, i);
        else updateByline(doc, i, { name: "Min " + random.int(9), email: "" });
      }
      return "byline";
    case 4:
      setSection(
        doc,
        random.chance(0.2) ? null : random.pick(["World", "Weather"]),
      );
      return "setSection";
    case 5:
      setDateline(doc, random.pick(["", "SEOUL", "BUSAN, Dec 4"]));
      return "setDateline";
    default:
      return comment(doc, random, writer);
  }
}

function comment(doc: Y.Doc, random: Random, writer: Writer): string {
  const threads = readThreads(doc);
  if (threads.length && random.chance(0.6)) {
    const thread = random.pick(threads);
    if (random.chance(0.5)) reply(doc, thread.id, writer, "Agreed.");
    else setResolved(doc, thread.id, !thread.resolved);
    return "comment reply/resolve";
  }
  const texts = [
    ...doc
      .getXmlFragment(Y_BODY)
      .createTreeWalker((n) => n instanceof Y.XmlText),
  ] as Y.XmlText[];
  if (texts.length === 0) return "comment: nothing";
  const text = random.pick(texts);
  const at = random.int(text.length + 1);
  const position = (i: number) =>
    Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i));
  startThread(doc, {
    anchor: position(at),
    head: position(Math.min(text.length, at + 3)),
    quote: text.toString().slice(0, 400),
    author: writer,
    text: "Source?",
  });
  return "startThread";
}

/**
 * One random edit of the story in `doc` as `writer` would make it in the browser: typing,
 * deleting, marks, blocks of every kind, figure details, headline and deck, meta, comments.
 * Its updates are whatever `doc` emits. Returns what it did.
 */
export function honestEdit(doc: Y.Doc, random: Random, writer: Writer): string {
  const roll = random.int(10);
  if (roll < 6) return editRichText(doc, Y_BODY, random);
  if (roll < 7)
    return editRichText(doc, random.pick([Y_HEADLINE, Y_DECK]), random);
  return editDetails(doc, random, writer);
}
