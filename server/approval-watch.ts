import type * as Y from "yjs";
import type { Store } from "../lib/db/client";
import { findStoryById } from "../lib/db/story-rows";
import { createLogger, describeError } from "../lib/log";
import { approvedTextDigest, lapseApproval } from "../lib/stories/approval";

const log = createLogger("approval");

interface Watched {
  /** The approved text's digest; null: not approved; undefined: not read yet. */
  digest: string | null | undefined;
  /** Who changed the story since the last comparison. */
  editors: Set<string>;
  timer: NodeJS.Timeout | null;
  reading: boolean;
}

export interface ApprovalWatchOptions {
  store: Store;
  /** How long after a stored edit the text is compared (edits in between share one look). */
  delayMs: number;
  /** The loaded document of a story, if any. */
  document: (storyId: string) => Y.Doc | undefined;
  /** The approval lapsed: the story is submitted again (tell the sockets and the lists). */
  lapsed: (storyId: string) => void;
}

/**
 * Approval means this text: after a socket's edit of an approved story is stored, its text is
 * compared with what the approval approved, and a difference lapses the approval
 * (lib/stories/approval.ts). A story is read once while open, and again only when its access
 * is re-decided (its status changed), so stories that are not approved cost a map lookup.
 */
export class ApprovalWatch {
  private readonly stories = new Map<string, Watched>();

  constructor(private readonly options: ApprovalWatchOptions) {}

  /** A socket's edit of the story, by `userId`, is stored. */
  edited(storyId: string, userId: string): void {
    let watched = this.stories.get(storyId);
    if (!watched) {
      watched = {
        digest: undefined,
        editors: new Set(),
        timer: null,
        reading: false,
      };
      this.stories.set(storyId, watched);
    }
    if (watched.digest === null) return;
    watched.editors.add(userId);
    if (watched.digest === undefined) void this.read(storyId, watched);
    else this.schedule(storyId, watched);
  }

  /** The story's status may have changed, or it was unloaded: read it again when next edited. */
  forget(storyId: string): void {
    const watched = this.stories.get(storyId);
    if (watched?.timer) clearTimeout(watched.timer);
    this.stories.delete(storyId);
  }

  stop(): void {
    for (const storyId of [...this.stories.keys()]) this.forget(storyId);
  }

  private async read(storyId: string, watched: Watched): Promise<void> {
    if (watched.reading) return;
    watched.reading = true;
    try {
      const story = await findStoryById(this.options.store.db, storyId);
      if (this.stories.get(storyId) !== watched) return;
      watched.digest =
        story?.status === "approved" ? (story.approved_digest ?? null) : null;
      if (watched.digest === null) watched.editors.clear();
      else this.schedule(storyId, watched);
    } catch (error) {
      // Read again at the next edit.
      this.forget(storyId);
      log.warn("reading a story's approval failed", {
        storyId,
        error: describeError(error),
      });
    } finally {
      watched.reading = false;
    }
  }

  private schedule(storyId: string, watched: Watched): void {
    watched.timer ??= setTimeout(
      () => void this.compare(storyId, watched),
      this.options.delayMs,
    );
  }

  private async compare(storyId: string, watched: Watched): Promise<void> {
    watched.timer = null;
    const approved = watched.digest;
    const doc = this.options.document(storyId);
    if (!approved || !doc || this.stories.get(storyId) !== watched) return;
    const editors = [...watched.editors];
    watched.editors.clear();
    if (approvedTextDigest(doc) === approved) return;
    try {
      const lapsed = await lapseApproval(
        this.options.store,
        storyId,
        approved,
        editors,
      );
      this.forget(storyId);
      if (lapsed) {
        log.info("approval lapsed", { storyId });
        this.options.lapsed(storyId);
      }
    } catch (error) {
      this.forget(storyId);
      log.error("lapsing an approval failed", {
        storyId,
        error: describeError(error),
      });
    }
  }
}
