import type { WebSocket } from "ws";
import {
  ACCESS_NEW_TOKEN,
  CloseCode,
  type CloseCodeValue,
} from "../lib/collab/protocol";
import {
  accessMessage,
  heartbeatMessage,
  isHeartbeat,
  readClientMessage,
  storedMessage,
  syncStep2Message,
  type ClientMessageHandler,
} from "../lib/collab/wire";
import type { PresenceUser } from "../lib/collab/presence-state";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import type { RoomMember } from "./documents";
import type { Metrics } from "./metrics";
import type { TransactionOrigin } from "./origins";
import { closeReason } from "./close-reason";
import { Refusal, refusalFor } from "./refusal";
import type { Writer } from "../lib/editor/update-guard";
import { EarlyMessages } from "./early-messages";
import { Keepalive } from "./heartbeat";
import { PresenceInbox } from "./presence-inbox";
import { SyncStanding } from "./sync-standing";
import { TokenLifetime } from "./token-lifetime";
import type { ConnectionGrant } from "./upgrade";
import type { ConnectionRoom } from "./connection-room";

const log = createLogger("connection");

/**
 * One socket's life after authorisation: wait for the document (buffering what the client
 * sends, within limits), greet, then speak y-websocket sync and awareness. Read-only sockets'
 * updates are refused. Protocol violations close the socket with a code and reason.
 */
export class Connection implements RoomMember {
  readonly origin: TransactionOrigin = { kind: "socket", connection: this };
  readonly writer: Writer;
  private room: ConnectionRoom | null = null;
  private readonly early: EarlyMessages;
  /** Update-carrying messages received (the numbering acknowledgements refer to). */
  private updateMessages = 0;
  private readonly awarenessClients = new Set<number>();
  private readonly presenceInbox = new PresenceInbox(
    (update) => {
      if (this.closed) return false;
      try {
        this.room!.applyAwareness(update, this);
      } catch (error) {
        this.refuse(error);
      }
      return true;
    },
    () => {
      if (!this.closed) this.send(this.room!.presence());
    },
    () => this.room!.presenceOpensIn(),
  );
  private readonly keepalive = new Keepalive();
  private closed = false;
  private readOnlyNow: boolean;
  private suggestOnlyNow: boolean;
  /** Reading is paused: the server is shutting down, or this document's writes are behind. */
  private quiesced = false;
  private throttled = false;
  private killTimer: NodeJS.Timeout | null = null;
  /** Whether acknowledgements tell the truth (updates building on content the server lacks). */
  private readonly standing = new SyncStanding();
  private readonly lifetime: TokenLifetime;
  /** The story's access version this socket's rights were last decided on. */
  accessVersion: number;

  constructor(
    private readonly ws: WebSocket,
    readonly grant: ConnectionGrant,
    private readonly config: CollabConfig,
    private readonly metrics: Metrics,
    private readonly onClose: (connection: Connection) => void,
  ) {
    this.readOnlyNow = grant.readOnly;
    this.suggestOnlyNow = grant.suggestOnly;
    // The account the token was signed for: the browser signs its comments with the same id
    // and name (lib/stories/collab-session.ts).
    this.writer = { id: grant.userId, name: grant.name };
    this.accessVersion = grant.accessVersion;
    this.early = new EarlyMessages(
      config.maxMessagesBeforeReady,
      config.maxBytesBeforeReady,
    );
    ws.binaryType = "nodebuffer";
    ws.on("message", (data, isBinary) =>
      this.receive(data as Buffer, isBinary),
    );
    ws.on("pong", () => this.keepalive.heardFrom());
    ws.on("close", () => {
      if (this.killTimer) clearTimeout(this.killTimer);
      this.handleClosed();
    });
    this.lifetime = new TokenLifetime(
      grant,
      config.secret,
      (code, reason) => this.close(code, reason),
      () => this.closed,
    );
    ws.on("error", (error) =>
      log.debug("socket error", { error: describeError(error) }),
    );
  }

  /** Who this socket's presence shows: the account behind its token, whatever the client says. */
  get presenceUser(): PresenceUser {
    const { userId, name, color } = this.grant;
    return { id: userId, name, color };
  }

  get readOnly(): boolean {
    return this.readOnlyNow;
  }

  /** Whether what this socket writes must be suggestions only (an author in review). */
  get suggestOnly(): boolean {
    return this.suggestOnlyNow;
  }

  /**
   * Makes the socket's writing suggestions only, or not. The client hears it at once, so that
   * its editor turns to suggesting before a direct change could be refused.
   */
  setSuggestOnly(suggestOnly: boolean, reason: string): void {
    if (this.closed || suggestOnly === this.suggestOnlyNow) return;
    this.suggestOnlyNow = suggestOnly;
    if (this.grant.wantsAcks && !this.readOnlyNow)
      this.send(accessMessage(false, reason));
  }

  /**
   * Changes what the socket may do (the story's status or authors changed). The client hears
   * why; on regaining write access it is asked, with a sync step 1, for what the server lacks
   * (updates refused meanwhile would otherwise leave its later ones unmergeable).
   */
  setReadOnly(readOnly: boolean, reason: string): void {
    if (this.closed || readOnly === this.readOnlyNow) return;
    this.readOnlyNow = readOnly;
    if (this.grant.wantsAcks) this.send(accessMessage(readOnly, reason));
    if (!readOnly && this.room) this.sendStep1();
  }

  /**
   * The user may write now, but this socket's token grants reading only: the client hears that
   * a fresh token would let it write (it stays read-only until then).
   */
  offerWriting(): void {
    if (!this.closed && this.grant.wantsAcks)
      this.send(accessMessage(true, ACCESS_NEW_TOKEN));
  }

  /** The document is ready: greet the client, then handle what it sent meanwhile. */
  attach(room: ConnectionRoom): void {
    if (this.closed) return;
    this.room = room;
    // The greeting starts with a sync step 1.
    this.standing.asked();
    for (const message of room.greeting()) this.send(message);
    for (const message of this.early.takeAll()) {
      if (this.closed) return;
      this.handle(message);
    }
  }

  /**
   * Sends a frame unless the socket is gone. Sending never waits for the client: frames queue
   * in this socket's own buffer, and a client that lets it grow past the limit is disconnected.
   */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.config.maxBufferedBytes) {
      this.metrics.slowConsumers.inc();
      this.close(CloseCode.slowConsumer, "too slow: reconnect to resync");
      // A stalled client never reads the close frame either: do not keep its buffer for long.
      this.killTimer = setTimeout(() => this.ws.terminate(), 1000);
      this.killTimer.unref();
      return;
    }
    this.ws.send(message);
  }

  /** Closes the socket with `code` and `reason` (at most 123 bytes by the WebSocket spec). */
  close(code: CloseCodeValue | number, reason: string): void {
    if (this.closed) return;
    // The closing handshake needs the client's close frame read; nothing else will be handled.
    if (this.ws.isPaused) this.ws.resume();
    this.ws.close(code, closeReason(reason));
    this.handleClosed();
  }

  /** Stops reading from the socket for good (shutdown: what was received is flushed, then it closes). */
  quiesce(): void {
    this.quiesced = true;
    this.ws.pause();
  }
  /**
   * The keepalive's look (Keepalive). A paused socket is not read, so neither are its pongs:
   * only a socket we read is judged. `excused`: we were held up, judge nobody.
   */
  heartbeat(excused = false): void {
    const verdict = this.keepalive.look(this.ws.isPaused || excused);
    if (verdict === "ping") this.ws.ping();
    if (verdict !== "dead") return;
    this.ws.terminate();
    this.handleClosed();
  }

  /** The awareness client ids this socket controls. */
  awarenessClientIds(): number[] {
    return [...this.awarenessClients];
  }

  /** Records which awareness client ids this socket controls (removed when it closes). */
  trackAwarenessClients(added: number[], removed: number[]): void {
    for (const id of added) this.awarenessClients.add(id);
    for (const id of removed) this.awarenessClients.delete(id);
  }

  /** Tells the client (it asked with `?ack=1`) that its first `sequence` update messages are stored. */
  stored(sequence: number, storedState: Uint8Array): void {
    this.send(storedMessage(sequence, storedState));
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.keepalive.heardFrom();
    if (!isBinary) {
      this.close(
        CloseCode.malformed,
        "malformed: text frames are not part of the protocol",
      );
      return;
    }
    const message = new Uint8Array(
      data.buffer,
      data.byteOffset,
      data.byteLength,
    );
    // Answered at once, before the document is ready too: the client only asks if we are there.
    if (isHeartbeat(message)) {
      this.send(heartbeatMessage());
      return;
    }
    if (!this.room) {
      if (!this.early.keep(message))
        this.close(
          CloseCode.flooding,
          "flooding: too many messages before the document was ready",
        );
      return;
    }
    this.handle(message);
  }

  private handle(message: Uint8Array): void {
    try {
      readClientMessage(message, Connection.messages, this);
    } catch (error) {
      this.refuse(error);
    }
  }

  /** Closes the socket after handling a message threw, with a code saying why. */
  private refuse(error: unknown): void {
    const { refusal, unexpected } = refusalFor(error);
    if (unexpected)
      log.info("closing socket after a malformed message", {
        storyId: this.grant.storyId,
        error: describeError(unexpected.error),
      });
    this.close(refusal.code, refusal.reason);
  }

  /** One handler for every socket's messages: reading a message allocates nothing more. */
  private static readonly messages: ClientMessageHandler<Connection> = {
    syncStep1: (connection, stateVector) =>
      connection.room!.storedDiff(stateVector, (diff) =>
        connection.send(syncStep2Message(diff)),
      ),
    update: (connection, update, step2) =>
      connection.receiveUpdate(update, step2),
    awareness: (connection, update) => connection.presenceInbox.push(update),
    queryAwareness: (connection) => connection.presenceInbox.query(),
    renew: (connection, token) =>
      void connection.lifetime.renew(token).catch((error: unknown) => {
        log.error("renewing a token failed", { error: describeError(error) });
        connection.close(CloseCode.internal, "internal error");
      }),
  };

  /** An update built on structs this server does not hold was not applied (SyncStanding). */
  private unresolvable(): void {
    const next = this.standing.unresolvable();
    // With a code the stock client reconnects and resyncs on.
    if (next === "close")
      this.close(
        CloseCode.outOfSync,
        "out of sync: updates build on content the server lacks; reconnect",
      );
    else if (next === "ask") this.sendStep1();
  }

  private sendStep1(): void {
    this.standing.asked();
    this.send(this.room!.syncStep1());
  }

  private receiveUpdate(update: Uint8Array, step2: boolean): void {
    const room = this.room!;
    const sequence = ++this.updateMessages;
    if (step2) this.standing.answered();
    if (this.readOnly) {
      this.metrics.refusedUpdates.inc();
      return;
    }
    const outcome = room.applyUpdate(update, this);
    if (outcome instanceof Refusal) {
      // Off the schema or past the size limit: nothing of it was applied, so nothing is stored,
      // acknowledged or relayed; the room and the other sockets carry on.
      this.close(outcome.code, outcome.reason);
      return;
    }
    if (outcome === "unresolvable") {
      this.unresolvable();
      return;
    }
    if (step2) this.standing.resolved();
    if (this.grant.wantsAcks && this.standing.acknowledging)
      room.acknowledgeWhenStored(sequence, this);
    if (!this.throttled && room.writesBehind()) {
      // The store is behind: stop reading (TCP pushes back on the client) until it catches up.
      this.throttled = true;
      this.ws.pause();
      void room.writesDrained().then(() => {
        this.throttled = false;
        if (!this.quiesced && !this.closed) this.ws.resume();
      });
    }
  }

  private handleClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.lifetime.stop();
    this.early.takeAll();
    if (this.room && this.awarenessClients.size > 0)
      this.room.removeAwareness([...this.awarenessClients], this);
    this.onClose(this);
  }
}
