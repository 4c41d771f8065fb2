import * as Y from "yjs";
import { FIGURE_ALT_MAX, FIGURE_CREDIT_MAX } from "./attribute-types";
import { FIGURE_ALT, FIGURE_CAPTION, FIGURE_CREDIT } from "./figure";
import { Y_BODY } from "./names";

/**
 * Stories stored before 2026-12 keep a figure's caption as text directly under the figure and
 * its credit and alt as whole-value attributes (the last keystroke replaced a colleague's). Now
 * each is a child element of its own (figureCaption, figureCredit, figureAlt) holding text.
 */

/** Whether `element` is a figure in the old form: no element children. */
export function isLegacyFigure(element: Y.XmlElement): boolean {
  if (element.nodeName !== "figure") return false;
  for (let item = element._start; item !== null; item = item.right)
    if (
      !item.deleted &&
      item.content instanceof Y.ContentType &&
      item.content.type instanceof Y.XmlElement
    )
      return false;
  return true;
}

/** An old figure's `credit` or `alt` attribute as text within its length ("" when not text). */
export function legacyFigureText(
  element: Y.XmlElement,
  key: "credit" | "alt",
): string {
  const value: unknown = element.getAttribute(key);
  if (typeof value !== "string") return "";
  return value.slice(0, key === "credit" ? FIGURE_CREDIT_MAX : FIGURE_ALT_MAX);
}

interface TextOp {
  insert: string;
  attributes?: Record<string, unknown>;
}

function legacyFigures(parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (isLegacyFigure(child)) found.push(child);
    else found.push(...legacyFigures(child));
  }
  return found;
}

const FIELDS = new Set([FIGURE_CAPTION, FIGURE_CREDIT, FIGURE_ALT]);

/**
 * Fields that repeat one before them in their figure: two replicas that migrated the same old
 * figure at once each added a set. The first of each kind stays (all hold the same text).
 */
function repeatedFields(parent: Y.XmlFragment | Y.XmlElement): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const seen = new Set<string>();
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (parent instanceof Y.XmlElement && parent.nodeName === "figure") {
      if (!FIELDS.has(child.nodeName)) continue;
      if (seen.has(child.nodeName)) found.push(child);
      seen.add(child.nodeName);
    } else found.push(...repeatedFields(child));
  }
  return found;
}

/** The caption's characters and formatting from an old figure's text children. */
function captionDelta(figure: Y.XmlElement): TextOp[] {
  const delta: TextOp[] = [];
  for (const child of figure.toArray()) {
    if (!(child instanceof Y.XmlText)) continue;
    for (const op of child.toDelta() as Array<{
      insert: unknown;
      attributes?: Record<string, unknown>;
    }>)
      if (typeof op.insert === "string")
        delta.push(
          op.attributes
            ? { insert: op.insert, attributes: op.attributes }
            : { insert: op.insert },
        );
  }
  return delta;
}

/** Whether the body holds a figure of the old form, or one with a field twice. */
export function hasLegacyFigures(doc: Y.Doc): boolean {
  const body = doc.getXmlFragment(Y_BODY);
  return legacyFigures(body).length > 0 || repeatedFields(body).length > 0;
}

/**
 * Turns every old-form figure of the body into the new form, keeping caption (with its
 * formatting), credit and alt text, in one transaction with `origin`. Returns how many figures
 * changed (0: the document was left alone). Run where a stored story is loaded, before anyone
 * syncs, and store what it changed. Two servers migrating one figure at once each add a set of
 * fields; the next run deletes the repeated ones (counted too).
 */
export function migrateLegacyFigures(doc: Y.Doc, origin: unknown): number {
  const body = doc.getXmlFragment(Y_BODY);
  const figures = legacyFigures(body);
  const repeated = repeatedFields(body);
  if (figures.length === 0 && repeated.length === 0) return 0;
  doc.transact(() => {
    for (const field of repeated) {
      const parent = field.parent as Y.XmlElement;
      parent.delete(parent.toArray().indexOf(field), 1);
    }
    for (const figure of figures) {
      const delta = captionDelta(figure);
      const credit = legacyFigureText(figure, "credit");
      const alt = legacyFigureText(figure, "alt");
      figure.delete(0, figure.length);
      const fields = [FIGURE_CAPTION, FIGURE_CREDIT, FIGURE_ALT].map(
        (name) => new Y.XmlElement(name),
      );
      figure.insert(0, fields);
      const texts = fields.map((field) => {
        const text = new Y.XmlText();
        field.insert(0, [text]);
        return text;
      });
      texts[0]!.applyDelta(delta);
      if (credit) texts[1]!.insert(0, credit);
      if (alt) texts[2]!.insert(0, alt);
      figure.removeAttribute("credit");
      figure.removeAttribute("alt");
    }
  }, origin);
  return figures.length + repeated.length;
}
