import * as Y from "yjs";
import {
  decodeStoryUpdate,
  type DecodedStruct,
  type DecodedUpdate,
  type StructId,
} from "./update-decoder";
import { lazySuggestionLookup } from "./suggestions/authorship";
import { TextBudget } from "./update-text-budget";
import {
  contentBytes,
  whereOfType,
  type SharedType,
  type Where,
} from "./y-layout";
import { place, quote } from "./placement";
import { MAX_NESTING, rootRule } from "./story-layout";
import { utf8Length, plainSize, type ValueContext } from "./value-types";

/** The account writing an update: new comment messages must be signed with it. */
export interface Writer {
  id: string;
  name: string;
}

/**
 * What applying an update would do to a story:
 * - `ok: true`: everything it adds fits the layout; `addedBytes` is about how much it adds;
 * - `ok: false`: it would add something off-schema (or is not a Yjs update); `reason` says what;
 * - `ok: "unresolvable"`: it builds on structs neither the document nor the update holds, so
 *   where its content would go cannot be known (Yjs would hold it back as pending).
 */
export type UpdateVerdict =
  | { ok: true; addedBytes: number }
  | { ok: false; reason: string }
  | { ok: "unresolvable" };

/** Largest value one struct may carry. */
export const MAX_STRUCT_BYTES = 64 * 1024;
/**
 * Most characters one text struct may carry, unless the update deletes as much text as its
 * long structs carry beyond it: y-prosemirror rewrites text it moves (a block's second text
 * run merged into its first, a paragraph turned into a heading) as one struct plus a deletion.
 */
export const MAX_STRUCT_CHARS = 64 * 1024;
/** What a struct costs in the stored document besides its content (ids, origins, info). */
const STRUCT_OVERHEAD_BYTES = 12;

/** Where a struct goes: the rule and key it is placed under. */
type Resolution =
  | { kind: "in"; where: Where; key: string | null }
  | { kind: "gc" }
  | { kind: "unresolvable" }
  | { kind: "refused"; reason: string };

const GC: Resolution = { kind: "gc" };
const LATER_REFERENCE =
  "malformed update: an item refers to a later one of its client";
const UNRESOLVABLE: Resolution = { kind: "unresolvable" };

/** A decoded struct with what the guard learns about it. */
interface Struct extends DecodedStruct {
  resolution?: Resolution;
  /** The rule of the shared type this struct creates, when it creates one. */
  child?: Where | string;
  visiting?: boolean;
}

/**
 * Decides, before `update` is applied to `doc` (a story's document), whether applying it would
 * put anything off the story's layout into the story (see story-layout.ts). Every struct the
 * document does not hold yet is placed as Yjs would place it: its parent and key come from the
 * update, or from its origin or right origin (looked up in the update or in `doc`'s store, as
 * Yjs's Item.getMissing does). Deleting anything is allowed, as long as the document or the
 * update holds it (else "unresolvable": Yjs would delete it whenever it arrived). Accepted
 * means applied in full: nothing of it waits as pending. Never throws; does not touch `doc`.
 */
export function checkStoryUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  writer: Writer,
): UpdateVerdict {
  let decoded: DecodedUpdate;
  try {
    decoded = decodeStoryUpdate(update);
  } catch (error) {
    return refuse(`malformed update: ${(error as Error).message}`);
  }
  try {
    return new Guard(doc, decoded, {
      writer,
      suggestionInStory: lazySuggestionLookup(doc),
    }).check();
  } catch (error) {
    // A bug here must refuse the update, never fail the server's message handling.
    return refuse(`${CHECK_FAILED}: ${(error as Error).message}`);
  }
}

/** The start of the reason of a refusal that is the guard's own failure (a bug). */
export const CHECK_FAILED = "could not check the update";

function refuse(reason: string): UpdateVerdict {
  return { ok: false, reason };
}

class Guard {
  private readonly store: Y.Doc["store"];

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
    private readonly context: ValueContext,
  ) {
    this.store = doc.store;
  }

  check(): UpdateVerdict {
    const budget = new TextBudget(this.store, this.update, MAX_STRUCT_CHARS);
    let added = 0;
    let unresolvable = false;
    for (const s of this.update.structs as Struct[]) {
      if (s.kind === "skip") continue;
      const state = Y.getState(this.store, s.client);
      if (s.kind === "gc") {
        // Garbage adds nothing, but after a gap it would wait as pending.
        if (s.clock + s.length > state && this.resolve(s) === UNRESOLVABLE)
          unresolvable = true;
        continue;
      }
      // Yjs skips what it already holds, once what it refers to is there too.
      if (s.clock + s.length <= state) {
        const held = this.heldStruct(s);
        if (typeof held === "string") return refuse(held);
        if (!held) unresolvable = true;
        continue;
      }
      const r = this.resolve(s);
      if (r.kind === "refused") return refuse(r.reason);
      if (r.kind === "unresolvable") {
        unresolvable = true;
        continue;
      }
      // An item whose neighbour was garbage collected becomes garbage itself: it adds nothing.
      if (r.kind === "gc") continue;
      const content = s.content!;
      const bytes = contentBytes(content);
      if (content.kind === "string") budget.add(s, r.where.rule.label, state);
      else if (bytes > MAX_STRUCT_BYTES)
        return refuse(
          `${r.where.rule.label}: ${bytes} bytes in one struct (at most ${MAX_STRUCT_BYTES})`,
        );
      const placed =
        content.kind === "type"
          ? this.childOf(s, r)
          : place(r.where.rule, r.key, content, this.context);
      if (typeof placed === "string") return refuse(placed);
      const offset = Math.max(0, state - s.clock);
      added +=
        STRUCT_OVERHEAD_BYTES +
        (offset === 0 ? bytes : tailBytes(content, offset));
    }
    // Deleting is always allowed, but only what the document or the update holds: Yjs would keep
    // the deletion of anything else pending, to delete it whenever it arrives.
    for (const range of this.update.deletes)
      if (range.clock + range.length > this.reach(range.client))
        unresolvable = true;
    if (unresolvable) return { ok: "unresolvable" };
    const over = budget.overflow();
    if (over)
      return refuse(
        `${over.label}: ${over.chars} characters in long text structs, not paid for by deleted text (at most ${MAX_STRUCT_CHARS} each)`,
      );
    return { ok: true, addedBytes: added };
  }

  /** Up to which clock a client's structs are held once the update is applied. */
  private reach(client: number): number {
    let end = Y.getState(this.store, client);
    for (const s of this.update.byClient.get(client) ?? []) {
      if (s.clock > end || (s.kind === "skip" && s.clock + s.length > end))
        break;
      end = Math.max(end, s.clock + s.length);
    }
    return end;
  }

  /**
   * Whether Yjs would skip `s`, a struct the document already holds, rather than keep it (and
   * the rest of its client's structs) pending: what it refers to must be there. A string when
   * Yjs would fail on it.
   */
  private heldStruct(s: Struct): boolean | string {
    for (const id of [s.origin, s.rightOrigin, s.parent]) {
      if (id === null || typeof id === "string") continue;
      if (id.client === s.client) {
        if (id.clock >= s.clock) return LATER_REFERENCE;
        continue;
      }
      const found = this.find(id);
      if (found === null) return false;
      if (!(found instanceof Y.Item || found instanceof Y.GC)) {
        const r = this.resolve(found);
        if (r.kind === "unresolvable") return false;
        if (r.kind === "refused") return r.reason;
      }
    }
    return true;
  }

  /** Where `s` goes, resolving what it depends on first (iteratively: chains can be long). */
  private resolve(start: Struct): Resolution {
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
  private childOf(
    s: Struct,
    r: Extract<Resolution, { kind: "in" }>,
  ): Where | string {
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
  private find(id: StructId): Y.Item | Y.GC | Struct | null {
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

/** Bytes of the part of `content` from `offset` on (the document holds the rest). */
function tailBytes(
  content: NonNullable<DecodedStruct["content"]>,
  offset: number,
): number {
  if (content.kind === "string") return utf8Length(content.str.slice(offset));
  if (content.kind === "any")
    return content.values
      .slice(offset)
      .reduce<number>((sum, v) => sum + plainSize(v), 0);
  return 0;
}
