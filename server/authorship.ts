import type * as Y from "yjs";
import type { Store } from "../lib/db/client";
import { recordWriterClaims, type WriterClaim } from "../lib/db/story-writers";
import { createLogger, describeError } from "../lib/log";

const log = createLogger("authorship");

/** Claims waiting to be written are written at most this long after they were made. */
export const CLAIM_FLUSH_MS = 250;
/** Past this many unwritten claims (the store away for long), new ones are dropped. */
const MAX_PENDING_CLAIMS = 10_000;
/** A story's claims are given up after this many failed writes. */
const MAX_ATTEMPTS = 4;
/** Claims per insert: four values each, well within SQLite's 32,766 and PostgreSQL's 65,535. */
const CLAIMS_PER_WRITE = 1000;

interface PendingClaim {
  claim: WriterClaim;
  attempts: number;
}

/**
 * Writes the claims the rooms make, batched off the edits' path: an edit never waits for one.
 * A claim lost in a crash before its write leaves that client id's text "earlier text".
 */
export class WriterClaimLog {
  private pending = new Map<string, PendingClaim>();
  private due: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly flushMs = CLAIM_FLUSH_MS,
  ) {}

  claim(claim: WriterClaim): void {
    const key = `${claim.storyId} ${claim.clientId}`;
    if (this.pending.has(key)) return;
    if (this.pending.size >= MAX_PENDING_CLAIMS) {
      log.warn("too many unwritten writer claims; dropped one", {
        storyId: claim.storyId,
      });
      return;
    }
    this.pending.set(key, { claim, attempts: 0 });
    this.later(this.flushMs);
  }

  /** Writes everything claimed so far; never throws (a failed write is retried later). */
  async flush(): Promise<void> {
    if (this.due) clearTimeout(this.due);
    this.due = null;
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.running = this.write(batch).finally(() => {
      this.running = null;
    });
    await this.running;
  }

  /**
   * Every story's claims in a few writes (with SQLite, a commit and an fsync on the main thread
   * each, so not one per story when many stories begin at once); a write that fails is redone
   * story by story, so that a story whose write keeps failing (deleted meanwhile) holds up no
   * other.
   */
  private async write(batch: Map<string, PendingClaim>): Promise<void> {
    const entries = [...batch];
    for (let i = 0; i < entries.length; i += CLAIMS_PER_WRITE) {
      const slice = entries.slice(i, i + CLAIMS_PER_WRITE);
      try {
        await recordWriterClaims(
          this.store.db,
          slice.map(([, { claim }]) => claim),
        );
      } catch {
        await this.writeByStory(slice);
      }
    }
  }

  private async writeByStory(
    entries: Array<[string, PendingClaim]>,
  ): Promise<void> {
    const byStory = new Map<string, Array<[string, PendingClaim]>>();
    for (const entry of entries) {
      const storyId = entry[1].claim.storyId;
      const story = byStory.get(storyId);
      if (story) story.push(entry);
      else byStory.set(storyId, [entry]);
    }
    for (const [storyId, story] of byStory) {
      try {
        await recordWriterClaims(
          this.store.db,
          story.map(([, { claim }]) => claim),
        );
      } catch (error) {
        const attempts = Math.max(...story.map(([, p]) => p.attempts)) + 1;
        log.warn("recording writer claims failed", {
          storyId,
          attempts,
          error: describeError(error),
        });
        if (attempts >= MAX_ATTEMPTS) continue;
        for (const [key, { claim }] of story)
          if (!this.pending.has(key))
            this.pending.set(key, { claim, attempts });
        this.later(this.flushMs * 8);
      }
    }
  }

  private later(ms: number): void {
    if (this.due) return;
    this.due = setTimeout(() => void this.flush(), ms);
    // Shutdown writes what is pending itself (close()); the timer must not hold the process.
    this.due.unref();
  }

  /** Writes what is pending and stops the timer (on shutdown). */
  async close(): Promise<void> {
    await this.flush();
    if (this.due) clearTimeout(this.due);
    this.due = null;
  }
}

/**
 * One story's writers as this server saw them. A socket's accepted update claims each client id
 * it brings new content under, for the socket's account, when the story held nothing of that id
 * before: text already under an id (the seed's, another server's, a claim made before a
 * restart) is never claimed by whoever writes next under it, and the store keeps an id's first
 * claimant (lib/db/story-writers.ts). So a socket forging someone's client id writes text that
 * stays theirs, and never takes theirs over.
 */
export class RoomWriters {
  /** Client id → its claimant here; null: it held text before anyone wrote under it here. */
  private readonly seen = new Map<number, string | null>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly storyId: string,
    private readonly claims: WriterClaimLog,
  ) {}

  /** `update` from `userId`'s socket was applied in `transaction`. Costs a map lookup a keystroke. */
  applied(
    update: Uint8Array,
    transaction: Y.Transaction,
    userId: string,
  ): void {
    const only = soleClient(update);
    if (only !== null && this.settled(only, userId)) return;
    for (const [client, clock] of transaction.afterState) {
      const before = transaction.beforeState.get(client) ?? 0;
      if (before === clock || this.settled(client, userId)) continue;
      const owner = this.seen.get(client);
      if (owner === undefined) {
        this.seen.set(client, before === 0 ? userId : null);
        if (before === 0)
          this.claims.claim({
            storyId: this.storyId,
            clientId: client,
            userId,
          });
      } else if (!this.warned.has(`${client} ${userId}`)) {
        this.warned.add(`${client} ${userId}`);
        log.warn("a socket wrote under a client id another account claimed", {
          storyId: this.storyId,
          userId,
          clientId: client,
        });
      }
    }
  }

  /** Nothing more to learn from `userId` writing under `client`. */
  private settled(client: number, userId: string): boolean {
    const owner = this.seen.get(client);
    return (
      owner === userId ||
      owner === null ||
      (owner !== undefined && this.warned.has(`${client} ${userId}`))
    );
  }
}

/**
 * The client id of an update's structs when they are all one client's (a keystroke's), else
 * null. Reads the update's header only: `[clients, structs, client, …]` as varuints.
 */
function soleClient(update: Uint8Array): number | null {
  let offset = 0;
  const varUint = (): number | null => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (offset >= update.length) return null;
      const byte = update[offset++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    return null;
  };
  if (varUint() !== 1) return null;
  if (varUint() === null) return null;
  return varUint();
}
