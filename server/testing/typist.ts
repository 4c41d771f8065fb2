import * as Y from "yjs";
import type { TestClient } from "./harness";

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same run of choices. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Typed {
  token: string;
  /** The author's clock once the token was inserted: stored when the stored state reaches it. */
  clock: number;
  deleted: boolean;
}

/**
 * Someone typing into a story through a test client: unique tokens like `[a.17]`, in paragraphs
 * of their own labelled `{a.3}`, placed anywhere in the body; sometimes deleting their own
 * earlier tokens. Knows which of its edits the server acknowledged as stored.
 */
export class Typist {
  private readonly typed: Typed[] = [];
  private readonly labels: string[] = [];
  private paragraph: Y.XmlText | null = null;
  private ackedClock = 0;

  constructor(
    readonly client: TestClient,
    readonly name: string,
    private readonly random: () => number,
  ) {}

  /** One edit: usually a new token, sometimes a new paragraph or a deletion. */
  type(): void {
    const doc = this.client.doc;
    const roll = this.random();
    if (!this.paragraph || roll < 0.08) {
      const label = `{${this.name}.${this.labels.length}}`;
      this.labels.push(label);
      const text = new Y.XmlText(label);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [text]);
      const body = doc.getXmlFragment("body");
      body.insert(Math.floor(this.random() * (body.length + 1)), [paragraph]);
      this.paragraph = text;
      return;
    }
    const live = this.typed.filter((t) => !t.deleted);
    if (roll < 0.15 && live.length > 0) {
      const victim = live[Math.floor(this.random() * live.length)]!;
      if (this.deleteToken(victim.token)) victim.deleted = true;
      return;
    }
    const token = `[${this.name}.${this.typed.length}]`;
    this.paragraph.insert(this.paragraph.length, token);
    this.typed.push({
      token,
      clock: Y.getState(doc.store, doc.clientID),
      deleted: false,
    });
  }

  /** Takes note of the latest acknowledgement (call before judging what was acknowledged). */
  refreshAcks(): void {
    const stored = this.client.storedState().get(this.client.doc.clientID);
    if (stored !== undefined && stored > this.ackedClock)
      this.ackedClock = stored;
  }

  /** Tokens the server acknowledged as stored and this typist has not deleted. */
  acknowledged(): string[] {
    return this.typed
      .filter((t) => !t.deleted && t.clock <= this.ackedClock)
      .map((t) => t.token);
  }

  /** Every token typed and not deleted. */
  live(): string[] {
    return this.typed.filter((t) => !t.deleted).map((t) => t.token);
  }

  /** Every token deleted. */
  deleted(): string[] {
    return this.typed.filter((t) => t.deleted).map((t) => t.token);
  }

  /** Every paragraph label this typist created. */
  paragraphLabels(): string[] {
    return [...this.labels];
  }

  private deleteToken(token: string): boolean {
    for (const node of this.client.doc.getXmlFragment("body").toArray()) {
      if (!(node instanceof Y.XmlElement)) continue;
      for (const child of node.toArray()) {
        if (!(child instanceof Y.XmlText)) continue;
        const at = child.toString().indexOf(token);
        if (at >= 0) {
          child.delete(at, token.length);
          return true;
        }
      }
    }
    return false;
  }
}

/**
 * Problems with a stored or synced body: acknowledged tokens missing, anything (token or
 * paragraph) present more than once, deleted tokens present (when `final`).
 */
export function findProblems(
  body: string,
  typists: Typist[],
  options: { final: boolean },
): string[] {
  const problems: string[] = [];
  const count = (s: string) => body.split(s).length - 1;
  for (const typist of typists) {
    const expected = options.final ? typist.live() : typist.acknowledged();
    for (const token of expected)
      if (count(token) !== 1)
        problems.push(`${token} appears ${count(token)} times`);
    for (const label of typist.paragraphLabels())
      if (count(label) > 1)
        problems.push(`paragraph ${label} appears ${count(label)} times`);
    if (options.final)
      for (const token of typist.deleted())
        if (count(token) !== 0) problems.push(`deleted ${token} is back`);
  }
  for (const token of body.match(/\[[a-z0-9]+\.\d+\]/g) ?? [])
    if (count(token) > 1) problems.push(`${token} is duplicated`);
  return [...new Set(problems)];
}
