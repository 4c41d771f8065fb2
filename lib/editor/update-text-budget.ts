import * as Y from "yjs";
import type { DecodedStruct, DecodedUpdate } from "./update-decoder";
import type { SharedType } from "./y-layout";

/**
 * The shared type a struct goes in: one of the document's, a struct of the update that creates
 * one, or null (a top-level name nobody has used yet).
 */
export type Parent = SharedType | DecodedStruct | null;

/**
 * The characters an update leaves in each text block (paragraph, heading, caption): what it adds
 * to the block's text runs plus what they hold, less what the update deletes. A block's runs are
 * counted together because y-prosemirror moves a second run into the first, as one insertion
 * and one deletion in the same update.
 */
export class TextBudget {
  private readonly blocks = new Map<Parent, { chars: number; label: string }>();
  /** The update's deleted ranges by client: [clock, end) pairs. */
  private readonly deletes = new Map<number, [number, number][]>();

  constructor(
    deletes: DecodedUpdate["deletes"],
    private readonly blockOf: (run: Parent) => Parent,
  ) {
    for (const { client, clock, length } of deletes) {
      let ranges = this.deletes.get(client);
      if (!ranges) this.deletes.set(client, (ranges = []));
      ranges.push([clock, clock + length]);
    }
  }

  /** Counts string struct `s`, going into text run `run` (labelled `label`) from clock `state` on. */
  add(s: DecodedStruct, run: Parent, label: string, state: number): void {
    const from = Math.max(s.clock, state);
    const to = s.clock + s.length;
    const chars = to - from - this.deleted(s.client, from, to);
    if (chars <= 0) return;
    const block = this.blockOf(run);
    const entry = this.blocks.get(block);
    if (entry) entry.chars += chars;
    else this.blocks.set(block, { chars, label });
  }

  /** The first block the update would leave with more than `max` characters, if any. */
  overflow(max: number): { label: string; chars: number } | null {
    for (const [block, { chars, label }] of this.blocks) {
      // What the runs hold now is an upper bound; count deletions only when it is too much.
      if (chars + this.held(block, false) <= max) continue;
      const total = chars + this.held(block, true);
      if (total > max) return { label, chars: total };
    }
    return null;
  }

  /** Characters the block's text runs hold in the document (less the update's deletions: exact). */
  private held(block: Parent, exact: boolean): number {
    if (!(block instanceof Y.AbstractType)) return 0;
    let chars = 0;
    for (let item = block._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const text = item.content.type;
      if (!(text instanceof Y.XmlText)) continue;
      if (!exact) {
        chars += text._length;
        continue;
      }
      for (let c = text._start; c !== null; c = c.right)
        if (!c.deleted && c.content instanceof Y.ContentString)
          chars +=
            c.length -
            this.deleted(c.id.client, c.id.clock, c.id.clock + c.length);
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
