import { CloseCode, type CloseCodeValue } from "../lib/collab/protocol";
import { MalformedMessage } from "../lib/collab/wire";

/** A deliberate refusal at some stage of a connection's life; becomes a close code and reason. */
export class Refusal extends Error {
  constructor(
    readonly code: CloseCodeValue,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "Refusal";
  }
}

/**
 * The refusal a message that could not be handled earns. A type nobody defined is refused as
 * such; bytes that could not be read, or that Yjs would not apply, are `unexpected` too (to log).
 */
export function refusalFor(error: unknown): {
  refusal: Refusal;
  unexpected?: { error: unknown };
} {
  if (error instanceof Refusal) return { refusal: error };
  if (error instanceof MalformedMessage && error.cause === undefined)
    return {
      refusal: new Refusal(CloseCode.malformed, `malformed: ${error.message}`),
    };
  return {
    refusal: new Refusal(
      CloseCode.malformed,
      "malformed: could not decode message",
    ),
    unexpected: {
      error: error instanceof MalformedMessage ? error.cause : error,
    },
  };
}
