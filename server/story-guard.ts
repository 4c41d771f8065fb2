import * as Y from "yjs";
import { CloseCode } from "../lib/collab/protocol";
import {
  checkStoryDocument,
  repairStoryDocument,
  type OffSchema,
} from "../lib/editor/document-check";
import { checkStoryUpdate, type Writer } from "../lib/editor/update-guard";
import { createLogger, describeError } from "../lib/log";
import type { Metrics } from "./metrics";
import {
  readersBaseline,
  suggestOnlyProblem,
  type ReadersBaseline,
} from "../lib/editor/suggest-only";
import { Refusal } from "./refusal";

const log = createLogger("story-guard");

/**
 * What becomes of a socket's update: applied, refused (the socket is closed with the refusal's
 * code; nothing of the update is kept), or not applied because it builds on content this server
 * lacks.
 */
export type UpdateOutcome = "applied" | "unresolvable" | Refusal;

/** Measuring the encoded document costs milliseconds for a long story: at most this often. */
const MEASURE_INTERVAL_MS = 1000;

/**
 * The collaboration server's side of the story schema: every update a socket sends is checked
 * (lib/editor/update-guard.ts) and held to the story's size limit before it is applied; a stored
 * document is repaired when it is loaded. One per loaded story.
 */
export class StoryGuard {
  /**
   * About how many bytes the document takes encoded: what was loaded, plus what every accepted
   * update adds. Deletions are not subtracted (an over-estimate), so it is measured exactly
   * before an update is refused for size.
   */
  private sizeBytes = 0;
  private measuredAt = -Infinity;
  /**
   * What the document is for readers now, kept between updates from someone who may only
   * suggest (each such update leaves it unchanged); any change to the document forgets it.
   */
  private baseline: ReadersBaseline | null = null;

  constructor(
    private readonly storyId: string,
    private readonly doc: Y.Doc,
    private readonly maxStoryBytes: number,
    private readonly metrics: Metrics,
  ) {
    doc.on("afterTransaction", () => (this.baseline = null));
  }

  /** The document was loaded from `storedBytes` bytes of stored updates. */
  loaded(storedBytes: number): void {
    this.sizeBytes = storedBytes;
  }

  /**
   * Applies `update` from `writer` with `origin` if it fits the story's schema and size limit.
   * Never throws for what the update holds (Yjs applying an accepted update is the guard's word
   * that it will not).
   */
  apply(
    update: Uint8Array,
    writer: Writer,
    origin: unknown,
    suggestOnly = false,
  ): UpdateOutcome {
    const verdict = checkStoryUpdate(this.doc, update, writer);
    if (verdict.ok === "unresolvable") {
      this.metrics.unresolvableUpdates.inc();
      log.info("an update builds on content this server lacks", {
        storyId: this.storyId,
        userId: writer.id,
      });
      return "unresolvable";
    }
    if (verdict.ok === false) {
      this.metrics.offSchemaUpdates.inc();
      log.warn("refused an off-schema update", {
        storyId: this.storyId,
        userId: writer.id,
        reason: verdict.reason,
      });
      return new Refusal(CloseCode.offSchema, `off schema: ${verdict.reason}`);
    }
    if (verdict.addedBytes > 0 && !this.fits(verdict.addedBytes)) {
      this.metrics.oversizeUpdates.inc();
      log.warn("refused an update passing the story's size limit", {
        storyId: this.storyId,
        userId: writer.id,
        sizeBytes: this.sizeBytes,
        addedBytes: verdict.addedBytes,
        maxStoryBytes: this.maxStoryBytes,
      });
      return new Refusal(
        CloseCode.storyTooLarge,
        `story too large: it may hold at most ${this.maxStoryBytes} bytes`,
      );
    }
    const baseline = suggestOnly
      ? (this.baseline ?? readersBaseline(this.doc))
      : null;
    const notSuggesting =
      baseline && suggestOnlyProblem(this.doc, update, baseline);
    if (notSuggesting) {
      this.metrics.refusedUpdates.inc();
      log.warn("refused a change from someone who may only suggest", {
        storyId: this.storyId,
        userId: writer.id,
        reason: notSuggesting,
      });
      return new Refusal(CloseCode.forbidden, `forbidden: ${notSuggesting}`);
    }
    const store = this.doc.store;
    // Another server's edit can wait here for one it builds on (Redis lost or reordered it):
    // that is checked content, kept until the rest arrives.
    const waiting = store.pendingStructs !== null || store.pendingDs !== null;
    Y.applyUpdate(this.doc, update, origin);
    this.sizeBytes += verdict.addedBytes;
    if (
      (store.pendingStructs !== null || store.pendingDs !== null) &&
      (!waiting || leftPending(store, update))
    ) {
      // Accepted means applied in full. Should the guard ever be wrong, content left pending
      // would be integrated later, unchecked, by someone else's update: drop it instead.
      log.error("an accepted update left content pending; dropped it", {
        storyId: this.storyId,
        userId: writer.id,
      });
      store.pendingStructs = null;
      store.pendingDs = null;
    }
    // Checked above: readers see the document as they did before this update.
    if (baseline) this.baseline = baseline;
    return "applied";
  }

  private fits(added: number): boolean {
    if (this.sizeBytes + added <= this.maxStoryBytes) return true;
    const now = performance.now();
    if (now - this.measuredAt >= MEASURE_INTERVAL_MS) {
      this.measuredAt = now;
      this.sizeBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    }
    return this.sizeBytes + added <= this.maxStoryBytes;
  }

  /**
   * Removes what does not fit the story's layout from the just-loaded document (stored before
   * the server checked updates, or written to the store by other means), logging what was
   * dropped. Returns the update that made the repair, for the caller to store, so that the next
   * load does not redo it; null when the document was valid. Run before the room listens to its
   * document: the repair is nobody's edit, and it reaches sockets in their first sync.
   */
  repairLoaded(origin: unknown): Uint8Array | null {
    let repair: Uint8Array | null = null;
    const capture = (update: Uint8Array) => {
      repair = repair ? Y.mergeUpdates([repair, update]) : update;
    };
    this.doc.on("update", capture);
    let dropped: OffSchema[] = [];
    try {
      dropped = repairStoryDocument(this.doc, origin);
    } catch (error) {
      // The story still opens (its readers are typed); what was deleted before this is kept.
      log.error("repairing a loaded story failed", {
        storyId: this.storyId,
        error: describeError(error),
      });
    } finally {
      this.doc.off("update", capture);
    }
    if (dropped.length === 0) return repair;
    this.metrics.repairedDocuments.inc();
    log.warn("loaded a story holding off-schema content; removed it", {
      storyId: this.storyId,
      dropped: dropped.slice(0, 20),
      droppedCount: dropped.length,
      left: checkStoryDocument(this.doc).length,
    });
    return repair;
  }
}

/** Whether anything of `update` (structs or deletions) is among what `store` holds pending. */
function leftPending(store: Y.Doc["store"], update: Uint8Array): boolean {
  const own = Y.decodeUpdate(update);
  const structs = store.pendingStructs
    ? Y.decodeUpdateV2(store.pendingStructs.update).structs
    : [];
  const deletes = store.pendingDs
    ? Y.decodeUpdateV2(store.pendingDs).ds.clients
    : new Map<number, Array<{ clock: number; len: number }>>();
  const range = (s: { id: Y.ID; length: number }) => ({
    clock: s.id.clock,
    len: s.length,
  });
  const overlap = (
    a: { clock: number; len: number },
    b: { clock: number; len: number },
  ) => a.clock < b.clock + b.len && b.clock < a.clock + a.len;
  return (
    own.structs.some((s) =>
      structs.some(
        (p) => p.id.client === s.id.client && overlap(range(s), range(p)),
      ),
    ) ||
    [...own.ds.clients].some(([client, mine]) =>
      mine.some((d) => (deletes.get(client) ?? []).some((p) => overlap(d, p))),
    )
  );
}
