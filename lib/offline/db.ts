/**
 * The IndexedDB database holding one user's offline copies (browser only): named after the
 * user's id (never the e-mail address), so no account opens another's.
 */
export const OFFLINE_DB_PREFIX = "newsroom-offline:";
/** Encrypted Y.Doc updates, autoincrement keys, indexed by document name. */
export const UPDATES = "updates";
/** One record per copy: whether the server has stored every local edit in it. */
export const COPIES = "copies";

export interface UpdateRecord {
  doc: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface CopyRecord {
  doc: string;
  storyId: string;
  saved: boolean;
}

export function offlineDbName(userId: string): string {
  return `${OFFLINE_DB_PREFIX}${userId}`;
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IDB request"));
  });
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () =>
      reject(tx.error ?? new Error("IDB transaction aborted"));
  });
}

export function openOfflineDb(userId: string): Promise<IDBDatabase> {
  const request = indexedDB.open(offlineDbName(userId), 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore(UPDATES, { autoIncrement: true }).createIndex(
      "doc",
      "doc",
    );
    db.createObjectStore(COPIES, { keyPath: "doc" });
  };
  return requestResult(request).then((db) => {
    // Signing out deletes the database: let it, wherever it is open.
    db.onversionchange = () => db.close();
    return db;
  });
}

/** Whether the user has a database here (opening one would create it). */
export async function hasOfflineDb(userId: string): Promise<boolean> {
  const listed = await indexedDB.databases?.().catch(() => null);
  // Without databases() (old browsers) assume it may exist.
  return listed ? listed.some((db) => db.name === offlineDbName(userId)) : true;
}
