import type { Node as PMNode } from "@tiptap/pm/model";
import type * as Y from "yjs";
import { isUploadUrl } from "../uploads/names";
import { readThreads } from "./comments";
import { checkStoryDocument } from "./document-check";
import { isSafeLinkHref } from "./links";
import { Y_DECK, Y_HEADLINE } from "./names";
import { renderBodyHtml } from "./render";
import { readBody, readMeta, readSingleLine } from "./story-document";

/**
 * What must hold of every story whatever its document held: used by the fuzz test, and by
 * anyone fuzzing the real server (read the story back and call storyProblems).
 */

/** Elements and attributes rendered story HTML may hold. */
const allowedHtml: Record<string, readonly string[]> = {
  p: [],
  h2: [],
  h3: [],
  blockquote: [],
  ul: [],
  ol: ["start", "type"],
  li: [],
  hr: [],
  strong: [],
  em: [],
  a: ["href", "target", "rel", "class", "title"],
  figure: ["class"],
  img: ["src", "alt", "width", "height"],
  figcaption: [],
  span: ["data-caption"],
  small: ["data-credit"],
};

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** What in `html` (a rendered story body) is not on the allow-list; empty when all is. */
export function disallowedHtml(html: string): string[] {
  const problems: string[] = [];
  const tag = /<\/?([a-zA-Z0-9-]+)([^>]*)>/g;
  for (const [whole, name, rest] of html.matchAll(tag)) {
    const allowed = allowedHtml[name!];
    if (!allowed) {
      problems.push(`element ${name}`);
      continue;
    }
    const attrs = rest!.replace(/\/$/, "");
    const attr = /\s+([^\s=]+)="([^"]*)"/g;
    if (attrs.replace(attr, "").trim() !== "")
      problems.push(`malformed ${whole}`);
    for (const [, key, value] of attrs.matchAll(attr)) {
      if (!allowed.includes(key!)) problems.push(`attribute ${name}[${key}]`);
      if (name === "a" && key === "href" && !isSafeLinkHref(unescape(value!)))
        problems.push(`link ${value}`);
      if (name === "img" && key === "src" && !isUploadUrl(unescape(value!)))
        problems.push(`image ${value}`);
    }
  }
  if (/<(?![a-zA-Z/])/.test(html)) problems.push("an unescaped <");
  return problems;
}

let lastRendered: { body: PMNode; problems: string[] } | undefined;

/**
 * What is wrong with the story in `doc`: off-schema content (checkStoryDocument), a reader
 * that throws or gives a value of the wrong type, body HTML off the allow-list. Empty when none.
 */
export function storyProblems(doc: Y.Doc): string[] {
  const problems = checkStoryDocument(doc).map(
    (p) => `${p.where}: ${p.problem}`,
  );
  try {
    for (const name of [Y_HEADLINE, Y_DECK] as const)
      if (typeof readSingleLine(doc, name) !== "string")
        problems.push(`${name} not text`);
    const body = readBody(doc);
    body.check();
    // Rendering costs milliseconds even for a short body: render only a body not seen last time.
    if (!lastRendered?.body.eq(body))
      lastRendered = { body, problems: disallowedHtml(renderBodyHtml(body)) };
    problems.push(...lastRendered.problems);
    const meta = readMeta(doc);
    if (
      !(meta.section === null || typeof meta.section === "string") ||
      !meta.tags.every((t) => typeof t === "string") ||
      !meta.bylines.every(
        (b) => typeof b.name === "string" && typeof b.email === "string",
      )
    )
      problems.push("meta of the wrong type");
    for (const thread of readThreads(doc))
      if (!thread.messages.every((m) => typeof m.author.name === "string"))
        problems.push("a comment of the wrong type");
  } catch (error) {
    problems.push(`a reader threw: ${(error as Error).stack}`);
  }
  return problems;
}
