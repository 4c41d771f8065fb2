import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import {
  CloseCode,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  type CloseCodeValue,
} from "../lib/collab/protocol";
import { createLogger, describeError } from "../lib/log";
import type { CollabConfig } from "./config";
import type { Room } from "./documents";
import type { Metrics } from "./metrics";
import type { TransactionOrigin } from "./origins";
import { Refusal } from "./refusal";
import type { ConnectionGrant } from "./upgrade";
import * as Y from "yjs";

const log = createLogger("connection");

/**
 * One socket's life after authorisation: wait for the document (buffering what the client
 * sends, within limits), greet, then speak y-websocket sync and awareness. Read-only sockets'
 * updates are refused. Protocol violations close the socket with a code and reason.
 */
export class Connection {
  readonly origin: TransactionOrigin = { kind: "socket", connection: this };
  private room: Room | null = null;
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  /** Update-carrying messages received (the numbering acknowledgements refer to). */
  private updateMessages = 0;
  private readonly awarenessClients = new Set<number>();
  private alive = true;
  private closed = false;
  private readOnlyNow: boolean;
  /** Reading is paused: the server is shutting down, or this document's writes are behind. */
  private quiesced = false;
  private throttled = false;
  private killTimer: NodeJS.Timeout | null = null;
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
    this.accessVersion = grant.accessVersion;
    ws.binaryType = "nodebuffer";
    ws.on("message", (data, isBinary) =>
      this.receive(data as Buffer, isBinary),
    );
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("close", () => {
      if (this.killTimer) clearTimeout(this.killTimer);
      this.handleClosed();
    });
    ws.on("error", (error) =>
      log.debug("socket error", { error: describeError(error) }),
    );
  }

  get readOnly(): boolean {
    return this.readOnlyNow;
  }

  /**
   * Changes what the socket may do (the story's status or authors changed). The client hears
   * why; on regaining write access it is asked, with a sync step 1, for what the server lacks
   * (updates refused meanwhile would otherwise leave its later ones unmergeable).
   */
  setReadOnly(readOnly: boolean, reason: string): void {
    if (this.closed || readOnly === this.readOnlyNow) return;
    this.readOnlyNow = readOnly;
    if (this.grant.wantsAcks) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_ACCESS);
      encoding.writeVarUint(encoder, readOnly ? 1 : 0);
      encoding.writeVarString(encoder, reason);
      this.send(encoding.toUint8Array(encoder));
    }
    const room = this.room;
    if (!readOnly && room) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, room.doc);
      this.send(encoding.toUint8Array(encoder));
    }
  }

  /** The document is ready: greet the client, then handle what it sent meanwhile. */
  attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    for (const message of room.greeting()) this.send(message);
    const backlog = this.backlog;
    this.backlog = [];
    for (const message of backlog) {
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
    this.ws.close(code, reason.slice(0, 123));
    this.handleClosed();
  }

  /** Stops reading from the socket for good (shutdown: what was received is flushed, then it closes). */
  quiesce(): void {
    this.quiesced = true;
    this.ws.pause();
  }
  /** Keepalive: close sockets that did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      this.handleClosed();
      return;
    }
    this.alive = false;
    this.ws.ping();
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

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
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
    if (!this.room) {
      this.backlogBytes += message.byteLength;
      if (
        this.backlog.length >= this.config.maxMessagesBeforeReady ||
        this.backlogBytes > this.config.maxBytesBeforeReady
      ) {
        this.close(
          CloseCode.flooding,
          "flooding: too many messages before the document was ready",
        );
        return;
      }
      this.backlog.push(message);
      return;
    }
    this.handle(message);
  }

  private handle(message: Uint8Array): void {
    const room = this.room!;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(room, decoder);
          break;
        case MESSAGE_AWARENESS:
          awarenessProtocol.applyAwarenessUpdate(
            room.awareness,
            decoding.readVarUint8Array(decoder),
            this.origin,
          );
          break;
        case MESSAGE_QUERY_AWARENESS:
          this.sendAwarenessStates(room);
          break;
        case MESSAGE_AUTH:
          break;
        default:
          throw new Refusal(
            CloseCode.malformed,
            `malformed: unknown message type ${type}`,
          );
      }
    } catch (error) {
      if (error instanceof Refusal) {
        this.close(error.code, error.reason);
        return;
      }
      log.info("closing socket after a malformed message", {
        storyId: this.grant.storyId,
        error: describeError(error),
      });
      this.close(CloseCode.malformed, "malformed: could not decode message");
    }
  }

  private handleSync(room: Room, decoder: decoding.Decoder): void {
    const subType = decoding.readVarUint(decoder);
    if (subType === SYNC_STEP1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      // Validate now, so a bad vector closes this socket instead of failing later.
      Y.decodeStateVector(stateVector);
      // Sent once everything in it is stored: the reply never shows unstored content.
      room.storedDiff(stateVector, (diff) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        encoding.writeVarUint(encoder, SYNC_STEP2);
        encoding.writeVarUint8Array(encoder, diff);
        this.send(encoding.toUint8Array(encoder));
      });
      return;
    }
    if (subType !== SYNC_STEP2 && subType !== SYNC_UPDATE) {
      throw new Refusal(
        CloseCode.malformed,
        `malformed: unknown sync message ${subType}`,
      );
    }
    const update = decoding.readVarUint8Array(decoder);
    const sequence = ++this.updateMessages;
    if (this.readOnly) {
      this.metrics.refusedUpdates.inc();
      return;
    }
    room.applyClientUpdate(update, this);
    if (this.grant.wantsAcks) {
      // Everything in the document now is queued before this barrier, so stored when it runs.
      const storedState = Y.encodeStateVector(room.doc);
      room.writer.barrier(() => this.sendStored(sequence, storedState));
    }
    if (
      !this.throttled &&
      room.writer.pendingBytes > this.config.maxPendingWriteBytes
    ) {
      // The store is behind: stop reading (TCP pushes back on the client) until it catches up.
      this.throttled = true;
      this.ws.pause();
      void room.writer.idle().then(() => {
        this.throttled = false;
        if (!this.quiesced && !this.closed) this.ws.resume();
      });
    }
  }

  private sendStored(sequence: number, storedState: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_STORED);
    encoding.writeVarUint(encoder, sequence);
    encoding.writeVarUint8Array(encoder, storedState);
    this.send(encoding.toUint8Array(encoder));
  }

  private sendAwarenessStates(room: Room): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(
        room.awareness,
        Array.from(room.awareness.getStates().keys()),
      ),
    );
    this.send(encoding.toUint8Array(encoder));
  }

  private handleClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.backlog = [];
    const room = this.room;
    if (room && !room.closed && this.awarenessClients.size > 0) {
      // With this socket's origin, so that the removal also reaches the other servers.
      awarenessProtocol.removeAwarenessStates(
        room.awareness,
        [...this.awarenessClients],
        this.origin,
      );
    }
    this.onClose(this);
  }
}
