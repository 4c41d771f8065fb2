/**
 * A story's offline copy in this browser (browser only): every update of the story's Y.Doc,
 * encrypted with the user's key (AES-GCM, a fresh IV each, the document's name as additional
 * data), in the user's own IndexedDB database `newsroom-offline:<user id>`. Beside the updates,
 * one record per copy says whether the server has stored every local edit in it ("saved"), so
 * that signing out can delete exactly the copies that hold nothing the server lacks.
 */
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import {
  COPIES,
  openOfflineDb,
  requestResult,
  transactionDone,
  UPDATES,
  type CopyRecord,
  type UpdateRecord,
} from "./db";
import { offlineKey, onOfflineKeyForgotten, type OfflineKey } from "./key";

/** Records of one copy beyond which it is merged into one. */
const COMPACT_AFTER = 200;

async function encrypt(
  key: CryptoKey,
  docName: string,
  plain: Uint8Array<ArrayBuffer>,
): Promise<Pick<UpdateRecord, "iv" | "data">> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(docName) },
    key,
    plain,
  );
  return { iv, data };
}

async function decrypt(
  key: CryptoKey,
  docName: string,
  record: UpdateRecord,
): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: new Uint8Array(record.iv),
        additionalData: new TextEncoder().encode(docName),
      },
      key,
      record.data,
    ),
  );
}

/** Before this module, copies were y-indexeddb databases in clear, shared by every account. */
async function takeLegacyCopy(docName: string): Promise<Uint8Array | null> {
  const name = `newsroom:${docName}`;
  const listed = await indexedDB.databases?.().catch(() => null);
  if (!listed?.some((db) => db.name === name)) return null;
  const scratch = new Y.Doc();
  const legacy = new IndexeddbPersistence(name, scratch);
  await legacy.whenSynced;
  const update = Y.encodeStateAsUpdate(scratch);
  await legacy.clearData();
  scratch.destroy();
  return update;
}

export interface OfflineCopyHooks {
  /**
   * The stored copy was applied to the document. `dirty`: it holds edits the server had not
   * acknowledged when it was written (they must be sent and acknowledged again).
   */
  onLoaded?: (dirty: boolean) => void;
  /** Whether every write so far is committed to IndexedDB. */
  onKept?: (kept: boolean) => void;
}

const openCopies = new Set<OfflineCopy>();

/** Closes this tab's open copies (of one user, or all), once their writes are committed. */
export async function closeOpenCopies(userId?: string): Promise<void> {
  await Promise.all(
    [...openCopies]
      .filter((copy) => !userId || copy.userId === userId)
      .map((copy) => copy.close()),
  );
}

interface Opened {
  key: OfflineKey;
  db: IDBDatabase;
}

export class OfflineCopy {
  /** Settles once the stored copy is applied (or there is none to apply: no key, no storage). */
  readonly whenLoaded: Promise<void>;
  /** The user whose copy this is, once known; null when no key could be had. */
  readonly whenUser: Promise<string | null>;
  userId: string | null = null;
  private readonly ready: Promise<Opened | null>;
  private opened: Opened | null = null;
  private loaded = false;
  private closed = false;
  /** What the copy's record says, as this tab last wrote or read it. */
  private saved = true;
  private records = 0;
  /** The highest record key this copy has written or read: compaction deletes up to it. */
  private lastKey = 0;
  private compacting = false;
  private readonly pending = new Set<Promise<void>>();
  private readonly stopListening: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly docName: string,
    private readonly storyId: string,
    private readonly hooks: OfflineCopyHooks = {},
    key: Promise<OfflineKey | null> = offlineKey(),
  ) {
    openCopies.add(this);
    this.ready = key
      .then(async (k) => {
        if (!k || this.closed) return null;
        this.userId = k.userId;
        this.opened = { key: k, db: await openOfflineDb(k.userId) };
        if (this.closed) this.opened.db.close();
        return this.closed ? null : this.opened;
      })
      .catch((error: unknown) => {
        console.warn("offline copy unavailable", error);
        return null;
      });
    this.whenUser = this.ready.then((o) => o?.key.userId ?? null);
    this.whenLoaded = this.ready.then((o) => (o ? this.load(o) : undefined));
    doc.on("update", this.onUpdate);
    this.stopListening = onOfflineKeyForgotten((userId) => {
      if (userId === null || userId === this.userId) void this.close();
    });
  }

  /** Whether a Y transaction origin is this copy (its updates are already stored). */
  isOrigin(origin: unknown): boolean {
    return origin === this;
  }

  /** A local edit happened: the copy now holds something the server may lack. */
  markDirty(): void {
    if (!this.saved || this.closed) return;
    this.saved = false;
    this.writeRecord(false);
  }

  /** The server acknowledged every local edit. Ignored until the stored copy is applied. */
  markSaved(): void {
    if (this.saved || !this.loaded || this.closed) return;
    this.saved = true;
    this.writeRecord(true);
  }

  /** Stops keeping the document; resolves once every write so far is committed. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.doc.off("update", this.onUpdate);
      this.stopListening();
    }
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.opened?.db.close();
    openCopies.delete(this);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.closed) return;
    this.store(update);
  };

  private track(work: () => Promise<void>): void {
    const done = work()
      .catch((error: unknown) =>
        console.warn("offline copy write failed", error),
      )
      .finally(() => {
        this.pending.delete(done);
        if (this.pending.size === 0) this.hooks.onKept?.(true);
      });
    if (this.pending.size === 0) this.hooks.onKept?.(false);
    this.pending.add(done);
  }

  private store(update: Uint8Array): void {
    const plain = new Uint8Array(update);
    this.track(async () => {
      const o = this.opened ?? (await this.ready);
      if (!o) return;
      const sealed = await encrypt(o.key.key, this.docName, plain);
      const tx = o.db.transaction([UPDATES], "readwrite");
      const added = tx
        .objectStore(UPDATES)
        .add({ doc: this.docName, ...sealed });
      await transactionDone(tx);
      this.lastKey = Math.max(this.lastKey, Number(added.result));
      this.records += 1;
      if (this.loaded && this.records > COMPACT_AFTER) await this.compact(o);
    });
  }

  /**
   * Writes the copy's record. When the database is open the transaction is created now, so
   * records commit in the order of the calls (IndexedDB commits transactions on one store in
   * creation order): a "saved" never overtakes the "dirty" of a later edit.
   */
  private writeRecord(saved: boolean): void {
    const record: CopyRecord = {
      doc: this.docName,
      storyId: this.storyId,
      saved,
    };
    const write = (o: Opened) => {
      const tx = o.db.transaction([COPIES], "readwrite");
      tx.objectStore(COPIES).put(record);
      return transactionDone(tx);
    };
    const o = this.opened;
    if (o) {
      const committed = write(o);
      this.track(() => committed);
    } else
      this.track(async () => {
        const later = await this.ready;
        if (later) await write(later);
      });
  }

  private async load(o: Opened): Promise<void> {
    const tx = o.db.transaction([UPDATES, COPIES], "readonly");
    const byDoc = tx.objectStore(UPDATES).index("doc");
    const [keys, values, record] = await Promise.all([
      requestResult(byDoc.getAllKeys(this.docName)),
      requestResult(byDoc.getAll(this.docName) as IDBRequest<UpdateRecord[]>),
      requestResult(
        tx.objectStore(COPIES).get(this.docName) as IDBRequest<
          CopyRecord | undefined
        >,
      ),
    ]);
    const updates: Uint8Array[] = [];
    let unreadable = 0;
    for (const value of values) {
      try {
        updates.push(await decrypt(o.key.key, this.docName, value));
      } catch {
        // Another key (the app secret changed) or damaged: nobody can read it any more.
        unreadable += 1;
      }
    }
    if (unreadable > 0)
      console.warn(`dropped ${unreadable} unreadable offline update(s)`);
    const legacy = await takeLegacyCopy(this.docName).catch(() => null);
    if (legacy) updates.push(legacy);
    if (this.closed) return;
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update);
      },
      this,
    );
    const dirty = record?.saved === false || legacy !== null;
    if (dirty) this.saved = false;
    this.hooks.onLoaded?.(dirty);
    this.loaded = true;
    this.records = values.length;
    for (const key of keys) this.lastKey = Math.max(this.lastKey, Number(key));
    if (legacy) this.writeRecord(false);
    if (unreadable > 0 || legacy || values.length > COMPACT_AFTER)
      this.track(() => this.compact(o));
  }

  /**
   * Replaces the records committed so far with one holding the whole state. Only those: a
   * record committed later may hold an update made after the state was taken.
   */
  private async compact(o: Opened): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      const upTo = this.lastKey;
      const sealed = await encrypt(
        o.key.key,
        this.docName,
        new Uint8Array(Y.encodeStateAsUpdate(this.doc)),
      );
      const tx = o.db.transaction([UPDATES], "readwrite");
      const store = tx.objectStore(UPDATES);
      const keys = await requestResult(
        store.index("doc").getAllKeys(this.docName),
      );
      for (const key of keys) if (Number(key) <= upTo) store.delete(key);
      const added = store.add({ doc: this.docName, ...sealed });
      await transactionDone(tx);
      this.lastKey = Math.max(this.lastKey, Number(added.result));
      this.records = 1;
    } finally {
      this.compacting = false;
    }
  }
}
