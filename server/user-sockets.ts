import type { Duplex } from "node:stream";

/**
 * Counts each user's sockets on this server, so that one account (a leaked token, a runaway
 * script, a hundred tabs) cannot hold an unbounded share of it. A slot is taken before the
 * handshake completes and given back when the underlying socket closes, however it closes.
 */
export class UserSocketQuota {
  private readonly counts = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a slot for `userId` until `socket` closes; false (nothing taken) when none is left. */
  take(userId: string, socket: Duplex): boolean {
    const count = this.counts.get(userId) ?? 0;
    if (count >= this.max) return false;
    this.counts.set(userId, count + 1);
    socket.once("close", () => {
      const left = (this.counts.get(userId) ?? 1) - 1;
      if (left > 0) this.counts.set(userId, left);
      else this.counts.delete(userId);
    });
    return true;
  }

  /** The user's sockets counted now. */
  count(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }
}
