/**
 * Presence a socket sent, held until the event loop has read every socket that was ready
 * (setImmediate) and then handed to `admit` in the order it came: the edits read in the same
 * pass, other stories' too, are relayed first, never held behind checking a caret. `admit`
 * returns false to drop the rest (the socket closed).
 */
export class PresenceInbox {
  private pending: Uint8Array[] = [];

  constructor(private readonly admit: (update: Uint8Array) => boolean) {}

  push(update: Uint8Array): void {
    if (this.pending.length === 0) setImmediate(this.drain);
    this.pending.push(update);
  }

  private readonly drain = (): void => {
    const pending = this.pending;
    this.pending = [];
    for (const update of pending) if (!this.admit(update)) return;
  };
}
