/**
 * Presence a socket sent, held until the event loop has read every socket that was ready
 * (setImmediate) and then handed to `admit` in the order it came: the edits read in the same
 * pass, other stories' too, are relayed first, never held behind checking a caret. `admit`
 * returns false to drop the rest (the socket closed). A question about presence (a query) waits
 * behind the presence sent before it, so its answer holds the asker's own latest state. In a
 * story just opened, presence waits until the room admits it (`opensIn`).
 */
export class PresenceInbox {
  /** Presence updates, and queries (null) to answer once what came before them is admitted. */
  private pending: Array<Uint8Array | null> = [];

  constructor(
    private readonly admit: (update: Uint8Array) => boolean,
    private readonly answer: () => void,
    private readonly opensIn: () => number,
  ) {}

  push(update: Uint8Array): void {
    if (this.pending.length === 0) {
      const wait = this.opensIn();
      if (wait > 0) setTimeout(this.drain, wait);
      else setImmediate(this.drain);
    }
    this.pending.push(update);
  }

  /** Answers a query now, or after the presence this socket sent before it. */
  query(): void {
    if (this.pending.length === 0) this.answer();
    else this.pending.push(null);
  }

  private readonly drain = (): void => {
    const pending = this.pending;
    this.pending = [];
    for (const item of pending) {
      if (item === null) this.answer();
      else if (!this.admit(item)) return;
    }
  };
}
