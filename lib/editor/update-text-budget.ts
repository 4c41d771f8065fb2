import * as Y from "yjs";
import type { DecodedStruct, DecodedUpdate } from "./update-decoder";

/**
 * Text structs of an update longer than a limit, and whether the update deletes as much text as
 * they carry beyond it. y-prosemirror rewrites text it moves (a block's second text run merged
 * into its first, a paragraph turned into a heading) as one insertion of all of it and a
 * deletion of the old: a struct as long as the block, which only a deletion pays for.
 */
export class TextBudget {
  private long = 0;
  private label = "";
  private readonly longStructs = new Set<DecodedStruct>();
  /** The update's deleted ranges by client: [clock, end) pairs. */
  private readonly deletes = new Map<number, [number, number][]>();

  constructor(
    private readonly store: Y.Doc["store"],
    private readonly update: DecodedUpdate,
    private readonly max: number,
  ) {
    for (const { client, clock, length } of update.deletes) {
      let ranges = this.deletes.get(client);
      if (!ranges) this.deletes.set(client, (ranges = []));
      ranges.push([clock, clock + length]);
    }
  }

  /** Counts string struct `s` (going into a text labelled `label`) from clock `state` on. */
  add(s: DecodedStruct, label: string, state: number): void {
    const from = Math.max(s.clock, state);
    const to = s.clock + s.length;
    const chars = to - from - this.deleted(s.client, from, to);
    if (chars <= this.max) return;
    this.label ||= label;
    this.long += chars;
    this.longStructs.add(s);
  }

  /** When the long structs carry more than `max` characters beyond the text deleted: where. */
  overflow(): { label: string; chars: number } | null {
    if (this.long === 0 || this.long - this.deletedText() <= this.max)
      return null;
    return { label: this.label, chars: this.long };
  }

  /**
   * Characters of text the update deletes, in the document and among its own structs. Text
   * someone else deleted meanwhile counts too (the writer rewrote what it saw), and so does
   * collected content, whose kind is gone. Walks the deleted structs: only for long structs.
   */
  private deletedText(): number {
    let chars = 0;
    for (const [client, ranges] of this.deletes) {
      const structs = this.store.clients.get(client) ?? [];
      const state = Y.getState(this.store, client);
      const run = this.update.byClient.get(client) ?? [];
      for (const [clock, end] of ranges) {
        if (clock < state)
          for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
            const s = structs[i]!;
            if (s.id.clock >= end) break;
            if (isText(s)) chars += overlap(s.id.clock, s.length, clock, end);
          }
        for (
          let i = firstEnding(run, Math.max(clock, state));
          i < run.length;
          i++
        ) {
          const s = run[i]!;
          if (s.clock >= end) break;
          if (!this.longStructs.has(s) && isDecodedText(s))
            chars += overlap(s.clock, s.length, Math.max(clock, state), end);
        }
      }
    }
    return chars;
  }

  /** How many clocks of [from, to) of `client` the update deletes. */
  private deleted(client: number, from: number, to: number): number {
    let count = 0;
    for (const [start, end] of this.deletes.get(client) ?? [])
      count += Math.max(0, Math.min(to, end) - Math.max(from, start));
    return count;
  }
}

/** The index of the first struct of `run` (in clock order) that ends after `clock`. */
function firstEnding(run: DecodedStruct[], clock: number): number {
  let lo = 0;
  let hi = run.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (run[mid]!.clock + run[mid]!.length <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlap(
  clock: number,
  length: number,
  from: number,
  to: number,
): number {
  return Math.max(0, Math.min(to, clock + length) - Math.max(from, clock));
}

function isText(s: Y.Item | Y.GC): boolean {
  return (
    s instanceof Y.GC ||
    s.content instanceof Y.ContentString ||
    s.content instanceof Y.ContentDeleted
  );
}

function isDecodedText(s: DecodedStruct): boolean {
  return (
    s.kind === "gc" ||
    s.content?.kind === "string" ||
    s.content?.kind === "deleted"
  );
}
