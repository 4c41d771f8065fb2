import * as Y from "yjs";
import { hasLegacyFigures, migrateLegacyFigures } from "./figure-migration";
import { META_BYLINES, META_TAGS, Y_META } from "./names";
import { place, quote } from "./placement";
import { MAX_NESTING, rootRule } from "./story-layout";
import { readMeta } from "./story-document";
import { viewOfContent, type SharedType, type Where } from "./y-layout";

/** Something in a story's document that does not fit its layout, and where. */
export interface OffSchema {
  /** E.g. "body › figure" or "meta › tags". */
  where: string;
  problem: string;
}

/** An off-schema finding with what to delete: a whole item, or some values of it. */
interface Finding extends OffSchema {
  item: Y.Item;
  /** Offsets of bad values inside the item (an array item holding several); all when absent. */
  offsets?: number[];
}

/**
 * Every visible thing in `doc` that does not fit the story layout: the same rules as the update
 * guard, applied to the whole document (deleted content is ignored). Empty for a valid story.
 */
export function checkStoryDocument(doc: Y.Doc): OffSchema[] {
  return findOffSchema(doc).map(({ where, problem }) => ({ where, problem }));
}

/**
 * Deletes what does not fit the story layout from `doc`, in one transaction with `origin`, so
 * that the story opens, renders, versions and publishes whatever was stored. Figures of the old
 * form are migrated first, in the same transaction (see migrateLegacyFigures). Bad tags and bylines
 * are replaced by the readable ones. Returns what was removed and why (empty: nothing changed).
 */
export function repairStoryDocument(doc: Y.Doc, origin: unknown): OffSchema[] {
  const legacy = hasLegacyFigures(doc);
  let findings = findOffSchema(doc);
  if (findings.length === 0 && !legacy) return [];
  const meta = readMeta(doc);
  doc.transact((tr) => {
    if (legacy) {
      // Figures of the old form would otherwise lose their caption, credit and alt text here.
      migrateLegacyFigures(doc, origin);
      findings = findOffSchema(doc);
    }
    for (const finding of findings) {
      const { item, offsets } = finding;
      if (offsets === undefined) item.delete(tr);
      else deleteValues(tr, item, offsets);
      const parent = item.parent as SharedType;
      // Deleting items directly skips the index cache of arrays and texts; Yjs rebuilds it.
      if (parent._searchMarker) parent._searchMarker.length = 0;
    }
    const map = doc.getMap<unknown>(Y_META);
    for (const key of [META_TAGS, META_BYLINES] as const) {
      const removed = findings.some(
        (f) =>
          f.offsets === undefined &&
          f.item.parent === map &&
          f.item.parentSub === key,
      );
      if (removed)
        map.set(
          key,
          key === META_TAGS
            ? Y.Array.from(meta.tags)
            : Y.Array.from(meta.bylines.map((b) => ({ ...b }))),
        );
    }
  }, origin);
  return findings.map(({ where, problem }) => ({ where, problem }));
}

function deleteValues(
  tr: Y.Transaction,
  item: Y.Item,
  offsets: number[],
): void {
  const { client, clock } = item.id;
  for (const offset of offsets) {
    const id = Y.createID(client, clock + offset);
    const value = Y.getItemCleanStart(tr, id);
    if (value.length > 1)
      Y.getItemCleanStart(tr, Y.createID(client, clock + offset + 1));
    value.delete(tr);
  }
}

function findOffSchema(doc: Y.Doc): Finding[] {
  const findings: Finding[] = [];
  for (const [name, type] of doc.share) {
    const rule = rootRule(name);
    if (rule) {
      walk(type, { rule, depth: 0 }, findings);
      continue;
    }
    for (const item of visibleItems(type))
      findings.push({
        where: name,
        problem: `unknown top-level name ${quote(name)}`,
        item,
      });
  }
  return findings;
}

function* visibleItems(type: SharedType): Generator<Y.Item> {
  for (const item of type._map.values()) if (!item.deleted) yield item;
  for (let item = type._start; item !== null; item = item.right)
    if (!item.deleted) yield item;
}

function walk(type: SharedType, where: Where, findings: Finding[]): void {
  for (const item of visibleItems(type)) {
    const view = viewOfContent(item.content);
    const placed = place(where.rule, item.parentSub, view);
    if (typeof placed === "string") {
      const finding: Finding = {
        where: where.rule.label,
        problem: placed,
        item,
      };
      if (
        where.rule.kind === "array" &&
        view.kind === "any" &&
        view.values.length > 1
      ) {
        const rule = where.rule;
        finding.offsets = view.values.flatMap((v, i) =>
          rule.item.test(v) ? [] : [i],
        );
      }
      findings.push(finding);
    } else if (placed !== true) {
      if (where.depth + 1 > MAX_NESTING)
        findings.push({
          where: placed.label,
          problem: `nested more than ${MAX_NESTING} deep`,
          item,
        });
      else
        walk(
          (item.content as Y.ContentType).type,
          { rule: placed, depth: where.depth + 1 },
          findings,
        );
    }
  }
}
