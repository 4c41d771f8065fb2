import { contentCarried } from "./wire";

export type SaveState = "saved" | "saving" | "unsaved";

/**
 * Knows whether every local edit has been committed by the server. The server numbers the
 * update-carrying messages of each socket and acknowledges "the first n are stored"; this
 * numbers the same messages as they are sent. Edits made with no open socket are marked
 * unsent until a reconnect's sync step 2 carries them.
 */
export class SaveTracker {
  private sent = 0;
  private acknowledged = 0;
  /** Number of the last sent message that carried local edits. */
  private mustBeStored = 0;
  private unsent = false;
  private readonly listeners = new Set<(state: SaveState) => void>();

  /** A new socket opened: numbering restarts. Anything unacknowledged must be resent. */
  socketOpened(): void {
    if (this.acknowledged < this.mustBeStored) this.unsent = true;
    this.sent = 0;
    this.acknowledged = 0;
    this.mustBeStored = 0;
    this.emit();
  }

  /** The socket closed: what it did not acknowledge is not known to be stored. */
  socketClosed(): void {
    if (this.acknowledged < this.mustBeStored) this.unsent = true;
    this.mustBeStored = 0;
    this.acknowledged = 0;
    this.sent = 0;
    this.emit();
  }

  /** Called for every frame the client sends. */
  messageSent(message: Uint8Array): void {
    const content = contentCarried(message);
    if (!content) return;
    this.sent += 1;
    // A sync step 2 answers the server's state vector with everything the server lacks,
    // including edits made offline; an update carries an edit made just now.
    if (content === "step2") {
      if (this.unsent) {
        this.unsent = false;
        this.mustBeStored = this.sent;
      }
    } else {
      this.mustBeStored = this.sent;
    }
    this.emit();
  }

  /** A local edit happened; `sentNow` tells whether the provider sent it over an open socket. */
  localEdit(sentNow: boolean): void {
    if (!sentNow) this.unsent = true;
    this.emit();
  }

  /** The server acknowledged that the first `storedMessages` messages are committed. */
  acknowledge(storedMessages: number): void {
    if (storedMessages > this.acknowledged)
      this.acknowledged = Math.min(storedMessages, this.sent);
    this.emit();
  }

  get state(): SaveState {
    if (this.unsent) return "unsaved";
    return this.acknowledged >= this.mustBeStored ? "saved" : "saving";
  }

  onChange(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  }
}
