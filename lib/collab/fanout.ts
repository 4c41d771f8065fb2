/**
 * The fan-out vocabulary: what collaboration servers (and, for control messages, the app)
 * publish to each other about a story through Redis pub/sub. One channel per story; every
 * message is an envelope naming its kind, its sender, an optional single recipient and when it
 * was sent. Pub/sub is at-most-once, so nothing here may rely on delivery: servers recover by
 * exchanging `state` digests and sending each other `diff`s.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MalformedMessage, readMessage } from "./wire";

/** Channel names start with this unless a deployment chooses another prefix. */
export const DEFAULT_FANOUT_PREFIX = "newsroom:collab:";

/** The pub/sub channel of one story. */
export function storyChannel(
  storyId: string,
  prefix: string = DEFAULT_FANOUT_PREFIX,
): string {
  return `${prefix}story:${storyId}`;
}

/** The channel of newsroom events (lib/collab/newsroom-events), one for all stories. */
export function newsroomChannel(
  prefix: string = DEFAULT_FANOUT_PREFIX,
): string {
  return `${prefix}newsroom`;
}

/** The story a channel name belongs to, or null when it is not a story channel. */
export function storyIdFromChannel(
  channel: string,
  prefix: string = DEFAULT_FANOUT_PREFIX,
): string | null {
  const head = `${prefix}story:`;
  return channel.startsWith(head) ? channel.slice(head.length) : null;
}

const ENVELOPE_VERSION = 1;

/** Message kinds. New kinds get new numbers; a server ignores kinds it does not know. */
export const FanoutKind = {
  /** A Yjs update the sender has committed to the store. */
  update: 0,
  /** A y-protocols awareness update (presence, carets) of the sender's clients. */
  awareness: 1,
  /** What the sender holds: state vector + digest of (state vector, delete set). */
  state: 2,
  /** Stored content the recipient lacked, in answer to its `state`. */
  diff: 3,
  /** A small JSON control message about the story (e.g. "access changed"). */
  control: 4,
} as const;

/** A control message: `type` says what happened; the rest is type-specific and small. */
export interface FanoutControl {
  type: string;
  [key: string]: unknown;
}

export type FanoutBody =
  | { kind: typeof FanoutKind.update; update: Uint8Array }
  | { kind: typeof FanoutKind.awareness; update: Uint8Array }
  | {
      kind: typeof FanoutKind.state;
      stateVector: Uint8Array;
      digest: Uint8Array;
      /** The sender wants the recipients' own `state` back (so it can send them a diff). */
      wantsReply: boolean;
    }
  | { kind: typeof FanoutKind.diff; update: Uint8Array }
  | { kind: typeof FanoutKind.control; control: FanoutControl };

export interface FanoutMessage {
  /** Id of the sending server (any stable string for other publishers, e.g. "app"). */
  sender: string;
  /** Id of the only server that should act on it; "" for every server. */
  target: string;
  /** Sender's clock when it was published (ms since the epoch), for the lag metric. */
  sentAt: number;
  body: FanoutBody;
}

/** Encodes one envelope for publishing. */
export function encodeFanoutMessage(message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ENVELOPE_VERSION);
  encoding.writeVarUint(encoder, message.body.kind);
  encoding.writeVarString(encoder, message.sender);
  encoding.writeVarString(encoder, message.target);
  encoding.writeFloat64(encoder, message.sentAt);
  const body = message.body;
  switch (body.kind) {
    case FanoutKind.update:
    case FanoutKind.awareness:
    case FanoutKind.diff:
      encoding.writeVarUint8Array(encoder, body.update);
      break;
    case FanoutKind.state:
      encoding.writeVarUint8Array(encoder, body.stateVector);
      encoding.writeVarUint8Array(encoder, body.digest);
      encoding.writeVarUint(encoder, body.wantsReply ? 1 : 0);
      break;
    case FanoutKind.control:
      encoding.writeVarString(encoder, JSON.stringify(body.control));
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes an envelope; returns null for other versions, unknown kinds and malformed bytes. */
export function decodeFanoutMessage(bytes: Uint8Array): FanoutMessage | null {
  try {
    return readMessage(bytes, readEnvelope);
  } catch (error) {
    if (error instanceof MalformedMessage) return null;
    throw error;
  }
}

function readEnvelope(decoder: decoding.Decoder): FanoutMessage | null {
  if (decoding.readVarUint(decoder) !== ENVELOPE_VERSION) return null;
  const kind = decoding.readVarUint(decoder);
  const sender = decoding.readVarString(decoder);
  const target = decoding.readVarString(decoder);
  const sentAt = decoding.readFloat64(decoder);
  let body: FanoutBody;
  switch (kind) {
    case FanoutKind.update:
    case FanoutKind.awareness:
    case FanoutKind.diff:
      body = { kind, update: decoding.readVarUint8Array(decoder) };
      break;
    case FanoutKind.state:
      body = {
        kind,
        stateVector: decoding.readVarUint8Array(decoder),
        digest: decoding.readVarUint8Array(decoder),
        wantsReply: decoding.readVarUint(decoder) === 1,
      };
      break;
    case FanoutKind.control: {
      const control: unknown = JSON.parse(decoding.readVarString(decoder));
      if (
        typeof control !== "object" ||
        control === null ||
        typeof (control as { type?: unknown }).type !== "string"
      )
        return null;
      body = { kind, control: control as FanoutControl };
      break;
    }
    default:
      return null;
  }
  return { sender, target, sentAt, body };
}
