/**
 * Presence as the newsroom's editor publishes it, for the benchmark's clients (BENCH_PRESENCE),
 * and what a client process counts of presence and closes, to show the server took it.
 */
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** What a client process saw of presence and closes, for the report. */
export interface PresenceTally {
  /** Remote presence states that changed, as the clients' awareness reported them. */
  changes: number;
  /** At the end: the remote states with a caret each client held, summed over the clients. */
  carets: number;
  /** Socket closes by code ("local": the provider's own watchdog). */
  closes: Record<string, number>;
}

/** An empty tally. */
export const emptyTally = (): PresenceTally => ({
  changes: 0,
  carets: 0,
  closes: {},
});

/**
 * Publishes a `user` as the editor's caret extension does (Tiptap's CollaborationCaret: id,
 * name, colour; the server replaces it with the account's). Set before the socket opens, so the
 * provider sends it with its greeting; the provider then renews it every 15 s, as in a browser.
 */
export function publishUser(provider: WebsocketProvider, key: string): void {
  provider.awareness.setLocalStateField("user", {
    id: key,
    name: `Bench ${key}`,
    color: "#958df1",
  });
}

/**
 * Moves the caret to `index` in `text`, as y-tiptap's cursor plugin does after each keystroke:
 * a relative position made with assoc -1, stored as the RelativePosition object itself (so its
 * JSON has null `type` and `tname`), anchor and head alike for a collapsed selection. The shape
 * is the one lib/collab/presence-state.ts admits.
 */
export function moveCaret(
  provider: WebsocketProvider,
  text: Y.XmlText,
  index: number,
): void {
  const at = Y.createRelativePositionFromTypeIndex(text, index, -1);
  provider.awareness.setLocalStateField("cursor", { anchor: at, head: at });
}

/** Counts, into `tally`, remote presence changes and the closes of `provider`'s sockets. */
export function watch(provider: WebsocketProvider, tally: PresenceTally): void {
  provider.awareness.on(
    "change",
    (
      changes: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === "local") return;
      tally.changes +=
        changes.added.length + changes.updated.length + changes.removed.length;
    },
  );
  provider.on("connection-close", (event) => {
    const code = event ? String(event.code) : "local";
    tally.closes[code] = (tally.closes[code] ?? 0) + 1;
  });
}

/** Adds to `tally` the remote states with a caret `provider` holds now. */
export function countCarets(
  provider: WebsocketProvider,
  tally: PresenceTally,
): void {
  for (const [clientId, state] of provider.awareness.getStates()) {
    if (clientId !== provider.awareness.clientID && state.cursor)
      tally.carets += 1;
  }
}
