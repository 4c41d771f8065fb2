/**
 * What a socket sends before its document is ready, kept to be handled once it is: within a
 * number of messages and of bytes, past which the client is flooding.
 */
export class EarlyMessages {
  private messages: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    private readonly maxMessages: number,
    private readonly maxBytes: number,
  ) {}

  /** Keeps `message`; false (and nothing kept) when it would pass either limit. */
  keep(message: Uint8Array): boolean {
    this.bytes += message.byteLength;
    if (this.messages.length >= this.maxMessages || this.bytes > this.maxBytes)
      return false;
    this.messages.push(message);
    return true;
  }

  /** Everything kept, oldest first; none is kept any longer. */
  takeAll(): Uint8Array[] {
    const messages = this.messages;
    this.messages = [];
    return messages;
  }
}
