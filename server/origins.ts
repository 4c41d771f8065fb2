import type { Connection } from "./connection";

/**
 * Every Yjs transaction on a server document carries one of these origins, and what happens to
 * the resulting update is decided by it: socket updates are stored, then broadcast; peer updates
 * (from another server, already stored there) are only broadcast; loaded content does neither.
 */
export type TransactionOrigin =
  | { readonly kind: "socket"; readonly connection: Connection }
  | { readonly kind: "peer" }
  | { readonly kind: "load" };

export const PEER_ORIGIN: TransactionOrigin = Object.freeze({ kind: "peer" });
export const LOAD_ORIGIN: TransactionOrigin = Object.freeze({ kind: "load" });

export function isTransactionOrigin(
  value: unknown,
): value is TransactionOrigin {
  return typeof value === "object" && value !== null && "kind" in value;
}
