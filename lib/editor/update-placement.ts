import * as Y from "yjs";
import type { DecodedStruct, DecodedUpdate, StructId } from "./update-decoder";
import { whereOfType, type SharedType, type Where } from "./y-layout";
import { place, quote } from "./placement";
import { MAX_NESTING, rootRule } from "./story-layout";
import type { ValueContext } from "./value-types";

/** Where a struct goes: the rule and key it is placed under. */
export type Resolution =
  | { kind: "in"; where: Where; key: string | null }
  | { kind: "gc" }
  | { kind: "unresolvable" }
  | { kind: "refused"; reason: string };

const GC: Resolution = { kind: "gc" };
export const LATER_REFERENCE =
  "malformed update: an item refers to a later one of its client";
export const UNRESOLVABLE: Resolution = { kind: "unresolvable" };

/** A decoded struct with what the placement learns about it. */
export interface Struct extends DecodedStruct {
  resolution?: Resolution;
  /** The rule of the shared type this struct creates, when it creates one. */
  child?: Where | string;
  visiting?: boolean;
}

/**
 * Where each struct of an update would go if the update were applied to a story's document, as
 * Yjs would place it: its parent and key come from the update, or from its origin or right
 * origin (looked up in the update or in the document's store, as Yjs's Item.getMissing does).
 * Learns as it goes (each struct's resolution is kept on it); never touches the document.
 */
export class UpdatePlacement {
  private readonly store: Y.Doc["store"];

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
    private readonly context: ValueContext,
  ) {
    this.store = doc.store;
  }

  /** Where `s` goes, resolving what it depends on first (iteratively: chains can be long). */
  resolve(start: Struct): Resolution {
    if (start.resolution) return start.resolution;
    const stack: Struct[] = [start];
    start.visiting = true;
    while (stack.length > 0) {
      const s = stack[stack.length - 1]!;
      const next = s.resolution ?? this.step(s);
      if (!isStruct(next)) {
        s.resolution = next;
        s.visiting = false;
        stack.pop();
      } else {
        const dependency = next;
        if (dependency.visiting) {
          // A cycle: Yjs would keep all of it pending forever.
          s.resolution = UNRESOLVABLE;
          s.visiting = false;
          stack.pop();
        } else {
          dependency.visiting = true;
          stack.push(dependency);
        }
      }
    }
    return start.resolution!;
  }

  /** Where `s` goes, or a struct of the update to resolve first. */
  private step(s: Struct): Resolution | Struct {
    // Yjs integrates a client's structs in clock order: a gap leaves the rest pending.
    if (s.clock > Y.getState(this.store, s.client)) {
      const before = this.previousInRun(s);
      if (!before || before.kind === "skip") return UNRESOLVABLE;
      if (!before.resolution) return before;
      if (before.resolution === UNRESOLVABLE) return UNRESOLVABLE;
    }
    if (s.kind !== "item") return GC;
    if (
      refersLater(s, s.origin) ||
      refersLater(s, s.rightOrigin) ||
      refersLater(s, s.parent)
    )
      return { kind: "refused", reason: LATER_REFERENCE };
    // As Item.getMissing: anything missing keeps it pending; else a collected neighbour makes
    // it garbage; else it goes where its left neighbour is (or its right one).
    const left = s.origin && this.neighbour(s.origin);
    const right = s.rightOrigin && this.neighbour(s.rightOrigin);
    const first = dependencyOf(left) ?? dependencyOf(right);
    if (first) return first;
    for (const kind of DECISIVE) {
      if (verdictOf(left)?.kind === kind) return verdictOf(left)!;
      if (verdictOf(right)?.kind === kind) return verdictOf(right)!;
    }
    const source = left ?? right;
    if (source instanceof Y.Item)
      return this.inside(
        whereOfType(this.doc, source.parent as SharedType),
        source.parentSub,
      );
    if (source) return (source as Struct).resolution!;
    if (typeof s.parent === "string") {
      const rule = rootRule(s.parent);
      return rule
        ? {
            kind: "in",
            where: { rule, depth: 0 },
            key: s.parentSub,
          }
        : {
            kind: "refused",
            reason: `unknown top-level name ${quote(s.parent)}`,
          };
    }
    if (s.parent === null)
      return {
        kind: "refused",
        reason: "malformed update: an item without a parent",
      };
    const parent = this.find(s.parent);
    if (parent === null) return UNRESOLVABLE;
    if (parent instanceof Y.GC) return GC;
    if (parent instanceof Y.Item)
      return parent.content instanceof Y.ContentType
        ? this.inside(whereOfType(this.doc, parent.content.type), s.parentSub)
        : GC;
    if (parent.kind === "gc") return GC;
    if (!parent.resolution) return parent;
    if (parent.resolution.kind !== "in") return parent.resolution;
    if (parent.content?.kind !== "type") return GC;
    return this.inside(this.childOf(parent, parent.resolution), s.parentSub);
  }

  /** The item next to which an origin places a struct, or what decides the struct instead. */
  private neighbour(id: StructId): Y.Item | Struct | Resolution {
    const found = this.find(id);
    if (found === null) return UNRESOLVABLE;
    if (found instanceof Y.GC) return GC;
    if (found instanceof Y.Item) return found;
    if (found.kind === "gc") return GC;
    if (!found.resolution) return found;
    return found.resolution.kind === "in" ? found : found.resolution;
  }

  private inside(where: Where | string, key: string | null): Resolution {
    return typeof where === "string"
      ? { kind: "refused", reason: `inside off-schema content: ${where}` }
      : { kind: "in", where, key };
  }

  /** The rule of the shared type `s` creates (placed at `r`), or why it cannot stand there. */
  childOf(s: Struct, r: Extract<Resolution, { kind: "in" }>): Where | string {
    if (s.child !== undefined) return s.child;
    const placed = place(r.where.rule, r.key, s.content!, this.context);
    s.child =
      typeof placed === "string"
        ? placed
        : placed === true
          ? `${r.where.rule.label}: not a shared type`
          : r.where.depth + 1 > MAX_NESTING
            ? `${placed.label}: nested more than ${MAX_NESTING} deep`
            : { rule: placed, depth: r.where.depth + 1 };
    return s.child;
  }

  /** The struct holding `id`: the document's when it has it (Yjs uses that one), else the update's. */
  find(id: StructId): Y.Item | Y.GC | Struct | null {
    if (id.clock < Y.getState(this.store, id.client)) {
      const structs = this.store.clients.get(id.client)!;
      return structs[Y.findIndexSS(structs, id.clock)]!;
    }
    const run = this.update.byClient.get(id.client) as Struct[] | undefined;
    if (!run) return null;
    let lo = 0;
    let hi = run.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = run[mid]!;
      if (id.clock < s.clock) hi = mid - 1;
      else if (id.clock >= s.clock + s.length) lo = mid + 1;
      else return s.kind === "skip" ? null : s;
    }
    return null;
  }

  private previousInRun(s: Struct): Struct | null {
    return s.index > 0
      ? (this.update.byClient.get(s.client)![s.index - 1] as Struct)
      : null;
  }
}

function isStruct(value: Resolution | Struct | Y.Item): value is Struct {
  return "client" in value;
}

type Neighbour = Y.Item | Struct | Resolution | null;

/** What decides where a struct goes instead of its neighbours, most decisive first. */
const DECISIVE = ["unresolvable", "refused", "gc"] as const;

/** A neighbour of the update not resolved yet. */
function dependencyOf(n: Neighbour): Struct | null {
  return n && !(n instanceof Y.Item) && isStruct(n) && !n.resolution ? n : null;
}

/** What a neighbour decides by itself: it is missing, refused or garbage. */
function verdictOf(n: Neighbour): Resolution | null {
  return n && !(n instanceof Y.Item) && !isStruct(n) ? n : null;
}

/** Whether `id` names a later struct of `s`'s own client (Yjs cannot apply that). */
function refersLater(s: Struct, id: string | StructId | null): boolean {
  return (
    id !== null &&
    typeof id !== "string" &&
    id.client === s.client &&
    id.clock >= s.clock
  );
}
