import type { CloseCodeValue } from "../lib/collab/protocol";

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
