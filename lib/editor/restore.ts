import { updateYFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { metaArray } from "./meta";
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
import { readMeta } from "./story-document";
import { ensureTextChildren } from "./text-children";
import { readRichText } from "./y-reader";

/**
 * Makes the story in `doc` read like `version` again, as one ordinary change: blocks that are
 * the same stay (and with them colleagues' carets and comments), the rest is replaced. History is
 * never rewritten: the restore is a new change on top, undoable and seen live by everyone.
 * Comments are left as they are.
 */
export function restoreStoryContent(doc: Y.Doc, version: Y.Doc): void {
  doc.transact(() => {
    for (const name of [Y_HEADLINE, Y_DECK, Y_BODY]) {
      // Typed like every reader: a version stored before the guard may hold anything.
      const target = readRichText(version, name);
      const fragment = doc.getXmlFragment(name);
      updateYFragment(doc, fragment, target, {
        mapping: new Map(),
        isOMark: new Map(),
      });
      ensureTextChildren(fragment);
    }
    const meta = readMeta(version);
    const map = doc.getMap<unknown>(Y_META);
    map.set(META_SECTION, meta.section);
    map.set(META_DATELINE, meta.dateline);
    const tags = metaArray<string>(doc, META_TAGS);
    tags.delete(0, tags.length);
    tags.push(meta.tags);
    const bylines = metaArray<{ name: string; email: string }>(
      doc,
      META_BYLINES,
    );
    bylines.delete(0, bylines.length);
    bylines.push(meta.bylines.map((b) => ({ ...b })));
  });
}
