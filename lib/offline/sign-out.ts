/**
 * What signing out does to a user's offline copies (browser only): copies whose every local edit
 * the server has stored are deleted; copies with unsent edits stay, still encrypted, for the
 * user's next sign-in here. The key is forgotten in every tab either way.
 */
import { closeOpenCopies } from "./copy";
import {
  COPIES,
  hasOfflineDb,
  offlineDbName,
  openOfflineDb,
  requestResult,
  transactionDone,
  UPDATES,
  type CopyRecord,
  type UpdateRecord,
} from "./db";
import { forgetOfflineKey } from "./key";

/** Where a story page remembers its session details (never a token) to open offline. */
export const REMEMBERED_SESSION_PREFIX = "newsroom:session:";

async function dirtyCopies(db: IDBDatabase): Promise<CopyRecord[]> {
  const tx = db.transaction([COPIES], "readonly");
  const all = await requestResult(
    tx.objectStore(COPIES).getAll() as IDBRequest<CopyRecord[]>,
  );
  return all.filter((copy) => !copy.saved);
}

/** The stories whose copy here holds edits the server has not acknowledged. */
export async function unsavedCopies(userId: string): Promise<string[]> {
  if (!(await hasOfflineDb(userId))) return [];
  const db = await openOfflineDb(userId);
  try {
    return (await dirtyCopies(db)).map((copy) => copy.storyId);
  } finally {
    db.close();
  }
}

/**
 * Signs the user's offline copies out: closes the copies open in this tab (their writes
 * committed), deletes every copy the server holds entirely, forgets the key everywhere and the
 * remembered story sessions. Returns the stories whose copy was kept because it holds unsent
 * edits.
 */
export async function signOutOfflineCopies(userId: string): Promise<string[]> {
  await closeOpenCopies(userId);
  let kept: string[] = [];
  if (await hasOfflineDb(userId)) {
    const db = await openOfflineDb(userId);
    const dirty = new Set((await dirtyCopies(db)).map((copy) => copy.doc));
    const tx = db.transaction([UPDATES, COPIES], "readwrite");
    const updates = tx.objectStore(UPDATES);
    const copies = tx.objectStore(COPIES);
    const [keys, values] = await Promise.all([
      requestResult(updates.getAllKeys()),
      requestResult(updates.getAll() as IDBRequest<UpdateRecord[]>),
    ]);
    keys.forEach((key, i) => {
      if (!dirty.has(values[i]?.doc ?? "")) updates.delete(key);
    });
    const records = await requestResult(
      copies.getAll() as IDBRequest<CopyRecord[]>,
    );
    for (const record of records)
      if (!dirty.has(record.doc)) copies.delete(record.doc);
    kept = records.filter((r) => dirty.has(r.doc)).map((r) => r.storyId);
    await transactionDone(tx);
    db.close();
    if (dirty.size === 0)
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(offlineDbName(userId));
        // Blocked: a tab still holds it open; it goes once that tab lets go.
        request.onsuccess =
          request.onerror =
          request.onblocked =
            () => resolve();
      });
  }
  try {
    for (const name of Object.keys(localStorage))
      if (name.startsWith(REMEMBERED_SESSION_PREFIX))
        localStorage.removeItem(name);
  } catch {
    // Storage disabled: nothing was remembered.
  }
  forgetOfflineKey(userId);
  return kept;
}
