import * as Y from "yjs";
import type { DecodedStruct, DecodedUpdate } from "./update-decoder";

/**
 * The characters of text an update adds, net of the text it deletes. Net, because y-prosemirror
 * rewrites text it moves (a block's second text run merged into its first, a paragraph turned
 * into a heading) as an insertion of all of it and a deletion of the old.
 */
export class TextBudget {
  private added = 0;
  private label = "";
  /** The update's deleted ranges by client: [clock, end) pairs. */
  private readonly deletes = new Map<number, [number, number][]>();

  constructor(
    private readonly store: Y.Doc["store"],
    update: DecodedUpdate,
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
    if (chars <= 0) return;
    this.label ||= label;
    this.added += chars;
  }

  /** When the update adds more than `max` characters net: where, and how many. */
  overflow(max: number): { label: string; chars: number } | null {
    if (this.added <= max) return null;
    const net = this.added - this.deletedText();
    return net > max ? { label: this.label, chars: net } : null;
  }

  /**
   * Characters of the document's text that the update deletes (walks the deleted structs). Text
   * someone else deleted meanwhile counts too (the writer rewrote what it saw), and so does
   * collected content, whose kind is gone.
   */
  private deletedText(): number {
    let chars = 0;
    for (const [client, ranges] of this.deletes) {
      const structs = this.store.clients.get(client) ?? [];
      const state = Y.getState(this.store, client);
      for (const [clock, end] of ranges) {
        if (clock >= state) continue;
        for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
          const s = structs[i]!;
          if (s.id.clock >= end) break;
          if (
            s instanceof Y.GC ||
            s.content instanceof Y.ContentString ||
            s.content instanceof Y.ContentDeleted
          )
            chars +=
              Math.min(end, s.id.clock + s.length) -
              Math.max(clock, s.id.clock);
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
