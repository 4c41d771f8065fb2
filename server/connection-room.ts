import type { RoomMember } from "./documents";
import type { UpdateOutcome } from "./story-guard";

/** What a socket may ask of its story's room (server/documents.ts implements it). */
export interface ConnectionRoom {
  /** Sync step 1 and every presence state: what a socket receives once the document is ready. */
  greeting(): Uint8Array[];
  /** A sync step 1: asks a client for what the room lacks. */
  syncStep1(): Uint8Array;
  /** An awareness message with every presence state the room knows. */
  presence(): Uint8Array;
  /**
   * Applies an update `from` sent if it fits the story's schema and size limit; its origin has
   * it stored, broadcast and published. A refused or unresolvable update is not applied.
   */
  applyUpdate(update: Uint8Array, from: RoomMember): UpdateOutcome;
  /** Milliseconds until the room admits its sockets' presence (0: now; a story just opened). */
  presenceOpensIn(): number;
  /** Applies presence `from` sent. */
  applyAwareness(update: Uint8Array, from: RoomMember): void;
  /** Removes the presence of `from`'s clients (it closed), here and on the other servers. */
  removeAwareness(clientIds: number[], from: RoomMember): void;
  /**
   * What a holder of `stateVector` lacks, computed now; `deliver` runs once all of it is
   * stored (a reply never shows unstored content).
   */
  storedDiff(
    stateVector: Uint8Array,
    deliver: (update: Uint8Array) => void,
  ): void;
  /**
   * Calls `to.stored(sequence, storedState)` once everything in the document now (so
   * everything `to` sent up to its `sequence`-th update) is stored.
   */
  acknowledgeWhenStored(sequence: number, to: RoomMember): void;
  /** Whether the room's writes waiting for the store are over their limit. */
  writesBehind(): boolean;
  /** Resolves once the room has nothing waiting for the store. */
  writesDrained(): Promise<void>;
}
