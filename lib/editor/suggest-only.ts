import * as Y from "yjs";
import { readersTextDigest } from "./readers-text";
import { readMeta } from "./story-document";

/** What suggesting must leave as it is: the story's details, and its text as readers get it. */
export interface ReadersBaseline {
  meta: string;
  text: string;
}

export function readersBaseline(doc: Y.Doc): ReadersBaseline {
  return {
    meta: JSON.stringify(readMeta(doc)),
    text: readersTextDigest(doc),
  };
}

/**
 * Why `update` is not suggestions only, or null when it is: applied to a copy of `doc`, it must
 * leave the story as readers would get it (pending suggestions rejected) and its details as they
 * are. Suggesting, taking back one's own suggestions, rejecting the desk's, comments and replies
 * all pass; so does whatever else y-prosemirror rewrites on the way, as long as readers would
 * see no difference. Judged on the outcome, not on the structs: the suggestion library decides
 * how a suggestion is written, and this stays true to what it means. `before` is `doc`'s
 * baseline, when the caller kept it.
 */
export function suggestOnlyProblem(
  doc: Y.Doc,
  update: Uint8Array,
  before: ReadersBaseline = readersBaseline(doc),
): string | null {
  const after = new Y.Doc();
  try {
    Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(after, update);
    if (JSON.stringify(readMeta(after)) !== before.meta)
      return "while the desk reviews the story, its authors may not change its details";
    if (readersTextDigest(after) !== before.text)
      return "while the desk reviews the story, its authors change its text only by suggesting";
    return null;
  } finally {
    after.destroy();
  }
}
