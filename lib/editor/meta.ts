import * as Y from "yjs";
import type { Byline } from "./story-document";
import {
  META_BYLINES,
  META_DATELINE,
  META_SECTION,
  META_TAGS,
  Y_META,
} from "./names";

/**
 * Collaborative edits of a story's `meta` map. Tags and bylines are Y.Arrays so that two people
 * adding a tag at once both keep theirs; section and dateline are plain values (last writer wins).
 */
function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(Y_META);
}

/**
 * The Y.Array under `key`, converting a plain array left by an older document. Created at story
 * creation, so concurrent conversion is the only race, and both sides convert the same content.
 */
export function metaArray<T>(
  doc: Y.Doc,
  key: typeof META_TAGS | typeof META_BYLINES,
): Y.Array<T> {
  const meta = metaOf(doc);
  const value = meta.get(key);
  if (value instanceof Y.Array) return value as Y.Array<T>;
  const array = new Y.Array<T>();
  if (Array.isArray(value)) array.push(value as T[]);
  meta.set(key, array);
  return array;
}

export function setSection(doc: Y.Doc, section: string | null): void {
  metaOf(doc).set(META_SECTION, section);
}

export function setDateline(doc: Y.Doc, dateline: string): void {
  metaOf(doc).set(META_DATELINE, dateline.trim() ? dateline : null);
}

/** Adds a tag unless the story already has it (case-insensitive). Returns whether it was added. */
export function addTag(doc: Y.Doc, tag: string): boolean {
  const clean = tag.replace(/\s+/g, " ").trim().slice(0, 60);
  if (!clean) return false;
  const tags = metaArray<string>(doc, META_TAGS);
  if (tags.toArray().some((t) => t.toLowerCase() === clean.toLowerCase()))
    return false;
  tags.push([clean]);
  return true;
}

export function removeTag(doc: Y.Doc, tag: string): void {
  const tags = metaArray<string>(doc, META_TAGS);
  const index = tags.toArray().indexOf(tag);
  if (index >= 0) tags.delete(index, 1);
}

export function addByline(doc: Y.Doc, byline: Byline): void {
  metaArray<Byline>(doc, META_BYLINES).push([
    { name: byline.name.trim(), email: byline.email.trim() },
  ]);
}

export function updateByline(doc: Y.Doc, index: number, byline: Byline): void {
  const bylines = metaArray<Byline>(doc, META_BYLINES);
  if (index < 0 || index >= bylines.length) return;
  doc.transact(() => {
    bylines.delete(index, 1);
    bylines.insert(index, [{ name: byline.name, email: byline.email }]);
  });
}

export function removeByline(doc: Y.Doc, index: number): void {
  const bylines = metaArray<Byline>(doc, META_BYLINES);
  if (index >= 0 && index < bylines.length) bylines.delete(index, 1);
}
