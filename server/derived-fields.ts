import type * as Y from "yjs";
import type { StoryTouch } from "../lib/db/documents";
import { Y_BODY, Y_HEADLINE } from "../lib/editor/names";
import { BodyWordCounter, readSingleLine } from "../lib/editor/story-document";
import { createLogger, describeError } from "../lib/log";

const log = createLogger("documents");

/**
 * The story row's fields derived from its document (headline, word count): what changed since
 * the last commit is read again and stored with the next one.
 */
export class DerivedFields {
  /** Made at the first count, after the load (its observer need not see the loaded content). */
  private words: BodyWordCounter | null = null;
  private headlineDirty = false;
  private bodyDirty = false;

  constructor(
    private readonly storyId: string,
    private readonly doc: Y.Doc,
  ) {}

  /** Follows the document's changes from now on (after its load). */
  follow(): void {
    this.doc.getXmlFragment(Y_HEADLINE).observeDeep(() => {
      this.headlineDirty = true;
    });
    this.doc.getXmlFragment(Y_BODY).observeDeep(() => {
      this.bodyDirty = true;
    });
  }

  /** Both fields are read again for the next commit (a change made before `follow`). */
  markChanged(): void {
    this.headlineDirty = this.bodyDirty = true;
  }

  /**
   * The derived fields to store with the next commit. Never throws: the writer calls it inside
   * its commit, and a throw there would fail every retry and drop the room with edits unstored.
   * On a failure the updates are stored without the fields (the next change retries them).
   */
  take(): StoryTouch {
    const touch: StoryTouch = {};
    try {
      if (this.headlineDirty)
        touch.headline = readSingleLine(this.doc, Y_HEADLINE);
      if (this.bodyDirty)
        touch.wordCount = (this.words ??= new BodyWordCounter(
          this.doc,
        )).count();
    } catch (error) {
      log.error(
        "reading a story's derived fields failed; storing without them",
        {
          storyId: this.storyId,
          error: describeError(error),
        },
      );
      return {};
    } finally {
      this.headlineDirty = false;
      this.bodyDirty = false;
    }
    return touch;
  }
}
