import type { RoomMember } from "./documents";

/**
 * Every Yjs transaction on a server document carries one of these origins, and what happens to
 * the resulting update is decided by it (but Yjs's own formatting clean-up, which has none, is
 * stored and sent like an edit: `Room.storeFormattingCleanup`):
 * - `socket`: a client's edit: stored, then broadcast to local sockets and published to peers;
 * - `peer`: from another server, which stored it before publishing: broadcast locally only;
 * - `store`: re-read from the store to catch what fan-out lost: broadcast locally only;
 * - `load`: the document's stored content on first load: neither (no socket is attached yet).
 */
export type TransactionOrigin =
  | { readonly kind: "socket"; readonly connection: RoomMember }
  | { readonly kind: "peer" }
  | { readonly kind: "store" }
  | { readonly kind: "load" };

export const PEER_ORIGIN: TransactionOrigin = Object.freeze({ kind: "peer" });
export const STORE_ORIGIN: TransactionOrigin = Object.freeze({
  kind: "store",
});
export const LOAD_ORIGIN: TransactionOrigin = Object.freeze({ kind: "load" });

/** Whether `value` is one of our transaction origins (y-protocols uses others, e.g. "timeout"). */
export function isTransactionOrigin(
  value: unknown,
): value is TransactionOrigin {
  return typeof value === "object" && value !== null && "kind" in value;
}
