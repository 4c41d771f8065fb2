import { createHash } from "node:crypto";
import type * as Y from "yjs";
import { bodyForPublication, renderBodyHtml } from "./render";
import { readBody, readSingleLine } from "./story-document";
import { Y_DECK, Y_HEADLINE } from "./names";

/**
 * A digest of the story's text as readers would get it: the headline, deck and body with its
 * photos' captions and credits, rendered as publishing renders them, pending suggestions read as
 * rejected. Desk metadata (section, tags, dateline, bylines, schedule) is not in it. What an
 * approval approves (lib/stories/approval.ts), and what suggesting must leave unchanged.
 */
export function readersTextDigest(doc: Y.Doc): string {
  const text = JSON.stringify([
    readSingleLine(doc, Y_HEADLINE),
    readSingleLine(doc, Y_DECK),
    renderBodyHtml(bodyForPublication(readBody(doc))),
  ]);
  return createHash("sha256").update(text).digest("base64url");
}
