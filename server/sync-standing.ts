/**
 * Unresolvable updates a socket may send before answering the server's step 1 (an honest
 * client may have sent up to maxMessagesBeforeReady while its document loaded).
 */
const MAX_UNRESOLVED = 1024;

/**
 * Whether a socket's acknowledgements tell the truth. An update built on structs this server
 * does not hold is not applied (kept pending, it would be integrated later, unchecked). An honest
 * client sends that only before it answers the server's sync step 1 (e.g. it types while
 * reconnecting to a server that lost its last unstored edits): its answer, a step 2, carries
 * everything it has. So: ask with a step 1 unless one is unanswered, and acknowledge nothing (an
 * acknowledgement counts every earlier message as stored) until a step 2 is applied. A client
 * that keeps sending such updates without answering is closed.
 */
export class SyncStanding {
  /** A sync step 1 was sent and no step 2 received since. */
  private step1Unanswered = false;
  /** Updates not applied since the last step 2 was. */
  private unresolved = 0;

  /** The server sent the client a sync step 1. */
  asked(): void {
    this.step1Unanswered = true;
  }

  /** A step 2 arrived: the client answered. */
  answered(): void {
    this.step1Unanswered = false;
  }

  /**
   * A step 2 was applied: it held everything the client had, what the server could not apply
   * before included, so from here on acknowledgements tell the truth again.
   */
  resolved(): void {
    this.unresolved = 0;
  }

  /** Whether stored updates may be acknowledged. */
  get acknowledging(): boolean {
    return this.unresolved === 0;
  }

  /**
   * An update could not be applied. What to do: `ask` with a step 1, `wait` for the answer to
   * the one sent, or `close` (too many without answering).
   */
  unresolvable(): "ask" | "wait" | "close" {
    this.unresolved += 1;
    if (this.unresolved > MAX_UNRESOLVED) return "close";
    return this.step1Unanswered ? "wait" : "ask";
  }
}
