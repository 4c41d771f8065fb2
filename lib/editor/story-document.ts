import type { JSONContent } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import {
  prosemirrorJSONToYXmlFragment,
  prosemirrorToYXmlFragment,
} from "@tiptap/y-tiptap";
import * as Y from "yjs";
import {
  META_BYLINES,
  META_DATELINE,
  META_SECTION,
  META_TAGS,
  Y_BODY,
  Y_DECK,
  Y_HEADLINE,
  Y_META,
} from "./names";
import { bodySchema, singleLineSchema } from "./schema";
import {
  BYLINE_EMAIL_MAX,
  BYLINE_NAME_MAX,
  DATELINE_MAX,
  SECTION_MAX,
  TAG,
  TAG_MAX,
} from "./story-layout";
import { typedNode } from "./typed-node";
import { countWords } from "./word-count";
import { FIGURE_ALT, FIGURE_CREDIT } from "./figure";
import { ensureTextChildren } from "./text-children";
import { INSERTION } from "./suggestions/marks";
import { stripSuggestions } from "./suggestions/view";
import { readRichText, readRichTextBlocks } from "./y-reader";

export interface Byline {
  name: string;
  email: string;
}

export interface StoryMeta {
  section: string | null;
  tags: string[];
  bylines: Byline[];
  dateline: string | null;
}

/** What a new story's document starts with. */
export interface StoryContent {
  headline: string;
  deck?: string;
  /** A ProseMirror JSON document of the body schema. */
  body?: JSONContent;
  meta?: Partial<StoryMeta>;
}

function singleLineJSON(text: string): JSONContent {
  const clean = text.replace(/\s+/g, " ").trim();
  return {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: clean ? [{ type: "text", text: clean }] : [],
      },
    ],
  };
}

/**
 * Writes `content` into an empty Y.Doc and returns it as one Yjs update. Used exactly once
 * per story, when it is created (never into an existing document: that doubles content).
 * Throws if the body does not fit the schema; attributes of the wrong type get their fallback
 * (a figure whose image is not one of our uploads, an unsafe link, are left out).
 */
export function encodeInitialStoryDocument(content: StoryContent): Uint8Array {
  const doc = new Y.Doc();
  writeInitialStory(doc, content);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * What encodeInitialStoryDocument encodes, written into `doc` (which must be empty), for tests
 * that need the story's first structs under a client id of their own. Throws as it does.
 */
export function writeInitialStory(doc: Y.Doc, content: StoryContent): void {
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(
      singleLineSchema(),
      singleLineJSON(content.headline),
      doc.getXmlFragment(Y_HEADLINE),
    );
    prosemirrorJSONToYXmlFragment(
      singleLineSchema(),
      singleLineJSON(content.deck ?? ""),
      doc.getXmlFragment(Y_DECK),
    );
    const body = content.body ?? {
      type: "doc",
      content: [{ type: "paragraph" }],
    };
    // Validate before writing: fromJSON + check throws on anything outside the schema.
    const node = bodySchema().nodeFromJSON(body);
    node.check();
    prosemirrorToYXmlFragment(
      typedNode(node) ?? bodySchema().topNodeType.createAndFill()!,
      doc.getXmlFragment(Y_BODY),
    );
    for (const name of [Y_HEADLINE, Y_DECK, Y_BODY])
      ensureTextChildren(doc.getXmlFragment(name));
    const meta = doc.getMap<unknown>(Y_META);
    const m = content.meta ?? {};
    meta.set(META_SECTION, asString(m.section, SECTION_MAX));
    meta.set(
      META_TAGS,
      Y.Array.from(
        (m.tags ?? [])
          .map((t) => t.replace(/\s+/g, " ").trim().slice(0, TAG_MAX))
          .filter((t) => TAG.test(t)),
      ),
    );
    meta.set(META_BYLINES, Y.Array.from((m.bylines ?? []).flatMap(readByline)));
    meta.set(META_DATELINE, asString(m.dateline, DATELINE_MAX));
  });
}

/** Plain text of a single-line field (headline or deck), pending suggestions rejected. Never throws. */
export function readSingleLine(
  doc: Y.Doc,
  name: typeof Y_HEADLINE | typeof Y_DECK,
): string {
  return readRichTextBlocks(doc, name)
    .map((block) => stripSuggestions(block).textContent)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The body as a ProseMirror node of the body schema: content outside the schema or of the wrong
 * type is dropped (see readRichText). Never throws, never changes `doc`.
 */
export function readBody(doc: Y.Doc): PMNode {
  return readRichText(doc, Y_BODY);
}

function asString(value: unknown, max: number): string | null {
  return typeof value === "string" && value.trim() && value.length <= max
    ? value.trim()
    : null;
}

/** A meta list, whether stored as a Y.Array or (older documents) a plain array. */
function listValue(value: unknown): unknown[] | null {
  if (value instanceof Y.Array) return value.toArray() as unknown[];
  return Array.isArray(value) ? value : null;
}

/** The `meta` map, with anything malformed dropped (never throws, never a wrong type). */
export function readMeta(doc: Y.Doc): StoryMeta {
  const meta = doc.getMap<unknown>(Y_META);
  const tags = listValue(meta.get(META_TAGS));
  const bylines = listValue(meta.get(META_BYLINES));
  return {
    section: asString(meta.get(META_SECTION), SECTION_MAX),
    tags: tags ? tags.filter((t): t is string => TAG.test(t)) : [],
    bylines: bylines ? bylines.flatMap(readByline) : [],
    dateline: asString(meta.get(META_DATELINE), DATELINE_MAX),
  };
}

/** A byline as readMeta gives it: a name, and an e-mail address or "" (older documents lack it). */
function readByline(value: unknown): Byline[] {
  if (typeof value !== "object" || value === null) return [];
  const { name, email } = value as Partial<Record<keyof Byline, unknown>>;
  const clean = asString(name, BYLINE_NAME_MAX);
  if (clean === null) return [];
  return [{ name: clean, email: asString(email, BYLINE_EMAIL_MAX) ?? "" }];
}

/**
 * Words in the body, read straight from its Y types (no ProseMirror conversion), kept current
 * as people type: the collaboration server counts after every commit, so the total is kept and
 * a keystroke recounts only the block it changed. The body is walked again only after a block
 * was added, removed or changed type.
 */
export class BodyWordCounter {
  private readonly counts = new WeakMap<Y.XmlText, number>();
  private readonly body: Y.XmlFragment;
  /** Whether the total stands for the body's current blocks. */
  private walked = false;
  private total = 0;
  private readonly changed = new Set<Y.XmlText>();

  constructor(doc: Y.Doc) {
    this.body = doc.getXmlFragment(Y_BODY);
    this.body.observeDeep((events) => {
      for (const event of events) {
        if (event.target instanceof Y.XmlText) this.changed.add(event.target);
        else this.walked = false;
      }
    });
  }

  count(): number {
    if (!this.walked) {
      for (const text of this.changed) this.counts.delete(text);
      this.changed.clear();
      this.total = this.walkBody();
      this.walked = true;
      return this.total;
    }
    for (const text of this.changed) {
      if (!counted(text)) continue;
      const fresh = countWords(plainText(text));
      this.total += fresh - (this.counts.get(text) ?? 0);
      this.counts.set(text, fresh);
    }
    this.changed.clear();
    return this.total;
  }

  private walkBody(): number {
    let words = 0;
    const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
      for (
        let child = parent.firstChild;
        child !== null;
        child = child.nextSibling
      ) {
        if (child instanceof Y.XmlText) {
          let count = this.counts.get(child);
          if (count === undefined) {
            count = countWords(plainText(child));
            this.counts.set(child, count);
          }
          words += count;
        } else if (child instanceof Y.XmlElement && counted(child)) walk(child);
      }
    };
    walk(this.body);
    return words;
  }
}

/** A photo's credit and alt text are not words of the story (its caption is). */
function counted(type: Y.XmlElement | Y.XmlText): boolean {
  const element = type instanceof Y.XmlText ? type.parent : type;
  return !(
    element instanceof Y.XmlElement &&
    (element.nodeName === FIGURE_CREDIT || element.nodeName === FIGURE_ALT)
  );
}

/** The block's characters, read off its items: toDelta builds a delta with marks to drop them. */
function plainText(text: Y.XmlText): string {
  let characters = "";
  // Counted as readers see it: a pending suggested insertion is not in the story yet.
  let suggested = false;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat && content.key === INSERTION)
      suggested = content.value !== null;
    else if (content instanceof Y.ContentString && !suggested)
      characters += content.str;
  }
  return characters;
}
