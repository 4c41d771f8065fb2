import * as Y from "yjs";
import { readMeta, type Byline } from "./story-document";
import {
  BYLINE_EMAIL_MAX,
  BYLINE_NAME_MAX,
  DATELINE_MAX,
  SECTION_MAX,
  TAG_MAX,
} from "./story-layout";
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
 * The Y.Array under `key`, converting a plain array left by an older document (keeping only the
 * entries readMeta reads, so that the conversion is of the declared type). Created at story
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
  if (Array.isArray(value)) {
    const clean = readMeta(doc);
    array.push(
      (key === META_TAGS
        ? clean.tags
        : clean.bylines.map((b) => ({ ...b }))) as T[],
    );
  }
  meta.set(key, array);
  return array;
}

export function setSection(doc: Y.Doc, section: string | null): void {
  metaOf(doc).set(META_SECTION, section?.slice(0, SECTION_MAX) ?? null);
}

export function setDateline(doc: Y.Doc, dateline: string): void {
  metaOf(doc).set(
    META_DATELINE,
    dateline.trim() ? dateline.slice(0, DATELINE_MAX) : null,
  );
}

/** Adds a tag unless the story already has it (case-insensitive). Returns whether it was added. */
export function addTag(doc: Y.Doc, tag: string): boolean {
  const clean = tag.replace(/\s+/g, " ").trim().slice(0, TAG_MAX);
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

/** A byline as stored: both fields text within their limits. */
function storedByline(byline: Byline): Byline {
  return {
    name: byline.name.trim().slice(0, BYLINE_NAME_MAX),
    email: byline.email.trim().slice(0, BYLINE_EMAIL_MAX),
  };
}

/** Whether two bylines name the same person: the same e-mail, or the same name without one. */
function sameByline(a: Byline, b: Byline): boolean {
  return a.email || b.email
    ? a.email.toLowerCase() === b.email.toLowerCase()
    : a.name === b.name;
}

/**
 * Adds a byline. A story without any is published under its `authors`; adding one keeps theirs:
 * they are written first, in the same change. A person already among the bylines (or among
 * the authors, on a story without any) is not added twice. Returns whether the byline is new.
 */
export function addByline(
  doc: Y.Doc,
  byline: Byline,
  authors: readonly Byline[] = [],
): boolean {
  const clean = storedByline(byline);
  const bylines = metaArray<Byline>(doc, META_BYLINES);
  const current = bylines.length > 0 ? bylines.toArray() : [...authors];
  const known = current.some((b) => sameByline(b, clean));
  doc.transact(() => {
    if (bylines.length === 0) bylines.push(authors.map(storedByline));
    if (!known) bylines.push([clean]);
  });
  return !known;
}

/**
 * Bylines with each person once (the first time they appear): two people adding the first
 * byline at the same moment each write the authors' own.
 */
export function uniqueBylines(bylines: readonly Byline[]): Byline[] {
  return bylines.filter(
    (b, i) => bylines.findIndex((other) => sameByline(other, b)) === i,
  );
}

export function updateByline(doc: Y.Doc, index: number, byline: Byline): void {
  const bylines = metaArray<Byline>(doc, META_BYLINES);
  if (index < 0 || index >= bylines.length) return;
  doc.transact(() => {
    bylines.delete(index, 1);
    bylines.insert(index, [storedByline(byline)]);
  });
}

export function removeByline(doc: Y.Doc, index: number): void {
  const bylines = metaArray<Byline>(doc, META_BYLINES);
  if (index >= 0 && index < bylines.length) bylines.delete(index, 1);
}
