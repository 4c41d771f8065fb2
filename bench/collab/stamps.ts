/**
 * How a keystroke says when it was typed: as its own characters. Each keystroke inserts three
 * CJK ideographs that encode the send time (µs modulo 2^42, about 51 days), 14 bits each. Marks
 * or attributes would carry it too, but a formatted insert makes every client walk and clean up
 * the whole paragraph's formatting after each remote edit, which timed the clients, not the
 * servers; plain text is also what a real keystroke (or a Korean IME syllable) sends.
 */
import * as Y from "yjs";

/** Characters per keystroke: every clock of a typing client is a multiple of this. */
export const STAMP_LENGTH = 3;
const BASE = 0x4e00;
const BITS = 14;
const SLOT = 2 ** BITS;
const WRAP = 2 ** (BITS * STAMP_LENGTH);

/** The three characters that stamp a keystroke sent at `ms` (wall clock, fractional). */
export function stamp(ms: number): string {
  let value = Math.round(ms * 1000) % WRAP;
  const chars: number[] = [];
  for (let i = 0; i < STAMP_LENGTH; i++) {
    chars.unshift(BASE + (value % SLOT));
    value = Math.floor(value / SLOT);
  }
  return String.fromCharCode(...chars);
}

/** Milliseconds between the stamp `text` and `nowMs`, or null when `text` is no stamp. */
export function ageOf(text: string, nowMs: number): number | null {
  if (text.length !== STAMP_LENGTH) return null;
  let value = 0;
  for (let i = 0; i < STAMP_LENGTH; i++) {
    const digit = text.charCodeAt(i) - BASE;
    if (digit < 0 || digit >= SLOT) return null;
    value = value * SLOT + digit;
  }
  const age = (Math.round(nowMs * 1000) % WRAP) - value;
  return (age < 0 ? age + WRAP : age) / 1000;
}

/**
 * The stamps `transaction` added to `doc`, read off the new items by their clocks (a later
 * insert may split or merge items, but never moves a character's clock).
 */
export function addedStamps(doc: Y.Doc, transaction: Y.Transaction): string[] {
  const found: string[] = [];
  for (const [clientId, after] of transaction.afterState) {
    const before = transaction.beforeState.get(clientId) ?? 0;
    if (after <= before) continue;
    const structs = doc.store.clients.get(clientId)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i]!;
      const start = item.id.clock;
      if (start >= after) break;
      if (
        !(item instanceof Y.Item) ||
        !(item.content instanceof Y.ContentString)
      )
        continue;
      const text = item.content.str;
      const from = Math.max(before, start);
      // A stamp starts at a clock that is a multiple of STAMP_LENGTH.
      let clock =
        from + ((STAMP_LENGTH - (from % STAMP_LENGTH)) % STAMP_LENGTH);
      for (
        ;
        clock + STAMP_LENGTH <= Math.min(after, start + text.length);
        clock += STAMP_LENGTH
      )
        found.push(text.slice(clock - start, clock - start + STAMP_LENGTH));
    }
  }
  return found;
}
