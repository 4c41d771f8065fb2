/**
 * Every message sent or read on a collaboration socket, built and read in one place by the
 * server, the browser and tests (the vocabulary is in ./protocol). The standard messages are
 * written with y-protocols' own encoders; ours (stored, access) as protocol.ts describes them.
 * Readers report bytes that are not a message of the vocabulary as MalformedMessage.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import {
  isUpdateCarrying,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_HEARTBEAT,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_RENEW,
  MESSAGE_STORED,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from "./protocol";

/**
 * Bytes that are not a message of the vocabulary. `cause` is set when they could not be read
 * at all (truncated, garbage); without it, they were read but name a type nobody defined.
 */
export class MalformedMessage extends Error {
  constructor(problem: string, options?: { cause: unknown }) {
    super(problem, options);
    this.name = "MalformedMessage";
  }
}

function unreadable(cause: unknown): MalformedMessage {
  return new MalformedMessage("could not decode message", { cause });
}

/** Sync step 1: `doc`'s state vector, asking the other side for what `doc` lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/**
 * Sync step 2 carrying `update`, the answer to a step 1. Takes the update rather than the
 * document (as y-protocols' writer does): the server computes it before waiting for the store.
 */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A sync update: one change to the document. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying `update` (from y-protocols' encodeAwarenessUpdate). */
export function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message with every state `awareness` knows (none: an empty update). */
export function awarenessStatesMessage(
  awareness: awarenessProtocol.Awareness,
): Uint8Array {
  return awarenessMessage(
    awarenessProtocol.encodeAwarenessUpdate(
      awareness,
      Array.from(awareness.getStates().keys()),
    ),
  );
}

/** Asks the server for every awareness state it knows. */
export function queryAwarenessMessage(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(encoder);
}

/** Stored (100): the socket's first `storedMessages` update messages are in the store, which holds `storedState`. */
export function storedMessage(
  storedMessages: number,
  storedState: Uint8Array,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_STORED);
  encoding.writeVarUint(encoder, storedMessages);
  encoding.writeVarUint8Array(encoder, storedState);
  return encoding.toUint8Array(encoder);
}

/** Access (101): what the socket may do now, and why. */
export function accessMessage(readOnly: boolean, reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACCESS);
  encoding.writeVarUint(encoder, readOnly ? 1 : 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Renew (102): a fresh token for the socket's user and story (client → server). */
export function renewMessage(token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_RENEW);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

const HEARTBEAT = Uint8Array.of(MESSAGE_HEARTBEAT);

/** Heartbeat (103): the same one byte both ways. */
export function heartbeatMessage(): Uint8Array {
  return HEARTBEAT.slice();
}

/** Whether `message` is a heartbeat (103). */
export function isHeartbeat(message: Uint8Array): boolean {
  return message.length === 1 && message[0] === MESSAGE_HEARTBEAT;
}

/**
 * What the server does with each message a client sends; `context` is passed through (one
 * handler object serves every socket, so that reading a message allocates nothing more).
 */
export interface ClientMessageHandler<Context> {
  /** Sync step 1 with a well-formed state vector. */
  syncStep1(context: Context, stateVector: Uint8Array): void;
  /**
   * Sync step 2 or update: both carry document content, and acknowledgements count both.
   * `step2`: it is a step 2 (the answer to a step 1, holding all the sender has that the
   * step 1's sender lacked).
   */
  update(context: Context, update: Uint8Array, step2: boolean): void;
  awareness(context: Context, update: Uint8Array): void;
  queryAwareness(context: Context): void;
  /** A fresh token for the socket (102); not yet verified. */
  renew(context: Context, token: string): void;
}

/**
 * Reads one message a client sent and calls the handler's method for it. y-websocket's auth
 * message is read and ignored (rights are decided before the socket opens). Throws
 * MalformedMessage for bytes that are not a client message; the handler's own errors pass
 * through unchanged. The payload handed over is a view into `message`, not a copy.
 */
export function readClientMessage<Context>(
  message: Uint8Array,
  handler: ClientMessageHandler<Context>,
  context: Context,
): void {
  let type: number;
  let subType = -1;
  let payload: Uint8Array | null = null;
  let token = "";
  try {
    const decoder = decoding.createDecoder(message);
    type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      subType = decoding.readVarUint(decoder);
      if (subType === SYNC_STEP1) {
        payload = decoding.readVarUint8Array(decoder);
        // A bad vector is a malformed message now, not a failure later.
        Y.decodeStateVector(payload);
      } else if (subType === SYNC_STEP2 || subType === SYNC_UPDATE)
        payload = decoding.readVarUint8Array(decoder);
    } else if (type === MESSAGE_AWARENESS)
      payload = decoding.readVarUint8Array(decoder);
    else if (type === MESSAGE_RENEW) token = decoding.readVarString(decoder);
  } catch (error) {
    throw unreadable(error);
  }
  switch (type) {
    case MESSAGE_SYNC:
      if (subType === SYNC_STEP1) handler.syncStep1(context, payload!);
      else if (payload)
        handler.update(context, payload, subType === SYNC_STEP2);
      else throw new MalformedMessage(`unknown sync message ${subType}`);
      return;
    case MESSAGE_AWARENESS:
      handler.awareness(context, payload!);
      return;
    case MESSAGE_QUERY_AWARENESS:
      handler.queryAwareness(context);
      return;
    case MESSAGE_RENEW:
      handler.renew(context, token);
      return;
    case MESSAGE_AUTH:
      return;
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}

/**
 * Reads with `read` from `source` (bytes, or a decoder part-way through them); whatever fails
 * to read (truncated, garbage) is thrown as MalformedMessage. Our messages and the fan-out's
 * envelopes (./fanout) are read through it.
 */
export function readMessage<T>(
  source: Uint8Array | decoding.Decoder,
  read: (decoder: decoding.Decoder) => T,
): T {
  try {
    return read(
      source instanceof Uint8Array ? decoding.createDecoder(source) : source,
    );
  } catch (error) {
    throw error instanceof MalformedMessage ? error : unreadable(error);
  }
}

/**
 * Reads a stored message (100) whose type `decoder` has read (y-websocket's message handlers
 * get it so). Throws MalformedMessage.
 */
export function readStored(decoder: decoding.Decoder): {
  storedMessages: number;
  storedState: Uint8Array;
} {
  return readMessage(decoder, readStoredFields);
}

function readStoredFields(decoder: decoding.Decoder) {
  return {
    storedMessages: decoding.readVarUint(decoder),
    storedState: decoding.readVarUint8Array(decoder),
  };
}

/** Reads an access message (101) whose type `decoder` has read. Throws MalformedMessage. */
export function readAccess(decoder: decoding.Decoder): {
  readOnly: boolean;
  reason: string;
} {
  return readMessage(decoder, readAccessFields);
}

function readAccessFields(decoder: decoding.Decoder) {
  return {
    readOnly: decoding.readVarUint(decoder) === 1,
    reason: decoding.readVarString(decoder),
  };
}

/**
 * Which document content a message a client sends carries, as acknowledgements number them: a
 * sync step 2 (the answer to the server's step 1, holding whatever the server lacks), an
 * update (one change), or none.
 */
export function contentCarried(message: Uint8Array): "step2" | "update" | null {
  if (!isUpdateCarrying(message)) return null;
  return message[1] === SYNC_STEP2 ? "step2" : "update";
}
