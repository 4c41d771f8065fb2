import type { FanoutControl } from "../../lib/collab/fanout";
import type { NewsroomEvent } from "../../lib/collab/newsroom-events";

/** What fan-out needs from a loaded document. */
export interface FanoutRoom {
  readonly storyId: string;
  /** Applies an update a peer server has stored: broadcast locally, never stored again. */
  applyPeerUpdate(update: Uint8Array): void;
  /** Applies presence of a peer server's clients: broadcast locally, never re-published. */
  applyPeerAwareness(update: Uint8Array): void;
  /** This server's state vector, and a digest of the state vector and delete set together. */
  syncState(): { stateVector: Uint8Array; digest: Uint8Array };
  /**
   * What a holder of `stateVector` lacks, computed now; `deliver` runs once all of it is
   * committed (so nothing unstored ever leaves this server).
   */
  storedDiff(
    stateVector: Uint8Array,
    deliver: (update: Uint8Array) => void,
  ): void;
  /** Presence of this server's own clients, or null when none has any. */
  localAwareness(): Uint8Array | null;
  /** Re-reads the story from the store, to catch whatever fan-out lost. */
  resyncFromStore(): void;
  /** A control message about the story, from another server or the app. */
  handleControl(control: FanoutControl): void;
}

/** Connection state of the fan-out, as /healthz reports it. */
export type FanoutStatus = "off" | "connected" | "disconnected";

/**
 * How a collaboration server shares its stories with the other servers serving them. Delivery
 * may fail at any time; implementations recover by comparing state, never by trusting delivery.
 */
export interface Fanout {
  /**
   * Starts relaying a story. Resolves once subscribed, so that nothing stored elsewhere after
   * the caller then reads the store can be missed; messages arriving before `ready` are held.
   * Never rejects: an outage of the fan-out never blocks editing.
   */
  attach(room: FanoutRoom): Promise<void>;
  /** The room holds its stored content: apply held messages and compare state with peers. */
  ready(room: FanoutRoom): void;
  /** Stops relaying the story of `room` (it is being unloaded). */
  detach(room: FanoutRoom): void;
  /** An update of a local client, already committed. */
  publishUpdate(storyId: string, update: Uint8Array): void;
  /** Presence of local clients changed. */
  publishAwareness(storyId: string, update: Uint8Array): void;
  /** Delivers a control message to the story's room on every server, this one included. */
  publishControl(storyId: string, control: FanoutControl): void;
  /** Sends a newsroom event to the other servers (not to this one). At most once, like all. */
  publishNewsroomEvent(event: NewsroomEvent): void;
  /** Where newsroom events from the other servers go. */
  onNewsroomEvent(handler: (event: NewsroomEvent) => void): void;
  status(): FanoutStatus;
  close(): Promise<void>;
}
