import { CloseCode, type CloseCodeValue } from "../lib/collab/protocol";
import { CollabTokenError, verifyCollabToken } from "../lib/collab/token";
import { SIGNED_OUT, tokenReasons, type ConnectionGrant } from "./upgrade";

/**
 * How long a socket may live on its token: it closes with 4401 when the token expires, unless a
 * fresh token for the same user, story and session generation renews it (message 102).
 */
export class TokenLifetime {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly grant: ConnectionGrant,
    private readonly secret: string,
    private readonly close: (code: CloseCodeValue, reason: string) => void,
    private readonly isClosed: () => boolean,
  ) {
    this.expireAt(grant.expiresAt);
  }

  /** The socket closed: nothing left to expire. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Closes the socket with 4401 at `expiresAt` unless a renewal moves it (see renew). */
  private expireAt(expiresAt: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.grant.expiresAt = expiresAt;
    // setTimeout holds at most 2^31-1 ms; a later expiry is re-armed when that fires.
    const delay = Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      if (Date.now() < this.grant.expiresAt)
        this.expireAt(this.grant.expiresAt);
      else this.close(CloseCode.unauthorized, tokenReasons.expired);
    }, delay);
    this.timer.unref();
  }

  /**
   * A fresh token for this socket (message 102): verified, it must be for the same user and
   * story; then the socket lives until its expiry. It only extends the socket's life: its
   * rights stay what server/access.ts decides from the store (the web app derives a token's
   * read-only flag from the same state). Anything else closes the socket as an upgrade would
   * be refused.
   */
  async renew(token: string): Promise<void> {
    let renewed;
    try {
      renewed = await verifyCollabToken(token, this.secret);
    } catch (error) {
      if (!(error instanceof CollabTokenError)) throw error;
      this.close(CloseCode.unauthorized, tokenReasons[error.problem]);
      return;
    }
    if (this.isClosed()) return;
    if (
      renewed.userId !== this.grant.userId ||
      renewed.storyId !== this.grant.storyId
    ) {
      this.close(
        CloseCode.forbidden,
        "forbidden: renewal for another user or story",
      );
      return;
    }
    // A token of a later generation means the user signed out meanwhile: this socket goes.
    if (renewed.generation !== this.grant.generation) {
      this.close(CloseCode.unauthorized, SIGNED_OUT);
      return;
    }
    this.expireAt(renewed.expiresAt);
  }
}
