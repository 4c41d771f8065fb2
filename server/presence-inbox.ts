import { CloseCode } from "../lib/collab/protocol";
import { Refusal } from "./refusal";

/**
 * Presence held at once beyond which the socket is flooding. An editor sends a caret move per
 * keystroke and echoes each merged message it hears (at most ten a second): a few messages in the
 * 250 ms a story just opened waits, a few dozen after a second of the server being held up.
 */
const MAX_PENDING_MESSAGES = 256;
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

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
  private pendingBytes = 0;

  constructor(
    private readonly admit: (update: Uint8Array) => boolean,
    private readonly answer: () => void,
    private readonly opensIn: () => number,
  ) {}

  /** Holds `update` for admission; throws Refusal (flooding) past the limits. */
  push(update: Uint8Array): void {
    this.pendingBytes += update.byteLength;
    if (
      this.pending.length >= MAX_PENDING_MESSAGES ||
      this.pendingBytes > MAX_PENDING_BYTES
    )
      throw flooding();
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
    else if (this.pending.length >= MAX_PENDING_MESSAGES) throw flooding();
    else this.pending.push(null);
  }

  private readonly drain = (): void => {
    const pending = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const item of pending) {
      if (item === null) this.answer();
      else if (!this.admit(item)) return;
    }
  };
}

function flooding(): Refusal {
  return new Refusal(CloseCode.flooding, "flooding: too much presence at once");
}
