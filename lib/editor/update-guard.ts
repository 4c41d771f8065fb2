import * as Y from "yjs";
import {
  decodeStoryUpdate,
  type DecodedStruct,
  type DecodedUpdate,
} from "./update-decoder";
import { lazySuggestionLookup } from "./suggestions/authorship";
import { TextBudget } from "./update-text-budget";
import { contentBytes } from "./y-layout";
import { place } from "./placement";
import {
  LATER_REFERENCE,
  UNRESOLVABLE,
  UpdatePlacement,
  type Struct,
} from "./update-placement";
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

/**
 * Decides, before `update` is applied to `doc` (a story's document), whether applying it would
 * put anything off the story's layout into the story (see story-layout.ts). Every struct the
 * document does not hold yet is placed as Yjs would place it (update-placement.ts). Deleting
 * anything is allowed, as long as the document or the update holds it (else "unresolvable": Yjs
 * would delete it whenever it arrived). Accepted means applied in full: nothing of it waits as
 * pending. Never throws; does not touch `doc`.
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
  private readonly placement: UpdatePlacement;

  constructor(
    doc: Y.Doc,
    private readonly update: DecodedUpdate,
    private readonly context: ValueContext,
  ) {
    this.store = doc.store;
    this.placement = new UpdatePlacement(doc, update, context);
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
        if (
          s.clock + s.length > state &&
          this.placement.resolve(s) === UNRESOLVABLE
        )
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
      const r = this.placement.resolve(s);
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
          ? this.placement.childOf(s, r)
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
      const found = this.placement.find(id);
      if (found === null) return false;
      if (!(found instanceof Y.Item || found instanceof Y.GC)) {
        const r = this.placement.resolve(found);
        if (r.kind === "unresolvable") return false;
        if (r.kind === "refused") return r.reason;
      }
    }
    return true;
  }
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
