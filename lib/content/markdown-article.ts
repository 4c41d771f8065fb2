import type { JSONContent } from "@tiptap/core";
import { Lexer, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { figureJson } from "../editor/figure";
import { isSafeLinkHref } from "../editor/links";
import type { StoryContent } from "../editor/story-document";

const frontMatterSchema = z.object({
  headline: z.string().trim().min(1),
  deck: z.string().trim().optional(),
  section: z.string().trim().optional(),
  dateline: z.string().trim().optional(),
  tags: z.array(z.string().trim().min(1)).default([]),
  bylines: z.array(z.object({ name: z.string().trim().min(1), email: z.string().trim().default("") })).default([]),
  // A date-time with its offset ("2024-10-18T14:03:00+09:00"): an instant, whatever the reader's zone.
  published: z.iso.datetime({ offset: true }).optional(),
});

/** An imported article: the story's content, and when it was first published if the file says. */
export interface ImportedArticle extends StoryContent {
  /** First publication (ISO, UTC), from the front matter's `published`; null when not given. */
  publishedAt: string | null;
}

/** A figure the article refers to: the file named in the Markdown, before it is uploaded. */
export interface FigureReference {
  file: string;
  caption: string;
  credit: string;
}

/** Where a referenced image file ended up after upload. */
export interface ResolvedImage {
  src: string;
  width: number;
  height: number;
}

/**
 * Reads an article written as Markdown with YAML front matter (headline, section, bylines,
 * tags, optional deck, dateline and `published` date-time). Figures are `![caption](file "credit")` on a line of their
 * own; alt text defaults to the caption. `resolveImage` turns each file into an uploaded image.
 * Throws on missing front matter, a missing headline or a `published` without its offset.
 */
export async function importMarkdownArticle(
  markdown: string,
  resolveImage: (figure: FigureReference, index: number) => Promise<ResolvedImage>,
): Promise<ImportedArticle> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  if (!match) throw new Error("The article has no front matter");
  const front = frontMatterSchema.parse(parseYaml(match[1]!));
  const tokens = new Lexer().lex(markdown.slice(match[0].length));

  const blocks: JSONContent[] = [];
  let figureIndex = 0;
  for (const token of tokens) {
    const figure = asFigure(token);
    if (figure) {
      const image = await resolveImage(figure, figureIndex++);
      blocks.push(
        figureJson({
          src: image.src,
          width: image.width,
          height: image.height,
          caption: figure.caption,
          credit: figure.credit,
          alt: figure.caption,
        }),
      );
      continue;
    }
    const block = toBlock(token);
    if (block) blocks.push(block);
  }

  return {
    headline: front.headline,
    deck: front.deck ?? "",
    body: { type: "doc", content: blocks.length ? blocks : [{ type: "paragraph" }] },
    meta: {
      section: front.section ?? null,
      tags: front.tags,
      bylines: front.bylines,
      dateline: front.dateline ?? null,
    },
    publishedAt: front.published ? new Date(front.published).toISOString() : null,
  };
}

function asFigure(token: Token): FigureReference | null {
  if (token.type !== "paragraph") return null;
  const inline = (token as Tokens.Paragraph).tokens.filter((t) => !(t.type === "text" && !t.raw.trim()));
  if (inline.length !== 1 || inline[0]!.type !== "image") return null;
  const image = inline[0] as Tokens.Image;
  return { file: image.href, caption: image.text.trim(), credit: (image.title ?? "").trim() };
}

function toBlock(token: Token): JSONContent | null {
  switch (token.type) {
    case "paragraph":
      return paragraph((token as Tokens.Paragraph).tokens);
    case "heading": {
      const t = token as Tokens.Heading;
      return { type: "heading", attrs: { level: t.depth <= 2 ? 2 : 3 }, content: inlineContent(t.tokens) };
    }
    case "blockquote": {
      const content = (token as Tokens.Blockquote).tokens.map(toBlock).filter((b): b is JSONContent => b !== null);
      return { type: "blockquote", content: content.length ? content : [{ type: "paragraph" }] };
    }
    case "list": {
      const t = token as Tokens.List;
      return {
        type: t.ordered ? "orderedList" : "bulletList",
        content: t.items.map((item) => {
          const content = item.tokens.map(toBlock).filter((b): b is JSONContent => b !== null);
          return { type: "listItem", content: content.length ? content : [{ type: "paragraph" }] };
        }),
      };
    }
    case "text": {
      // Inside list items marked emits bare text tokens for tight lists.
      const t = token as Tokens.Text;
      return paragraph(t.tokens ?? [{ type: "text", raw: t.raw, text: t.text } as Tokens.Text]);
    }
    case "hr":
      return { type: "horizontalRule" };
    default:
      return null;
  }
}

function paragraph(tokens: Token[]): JSONContent {
  const content = inlineContent(tokens);
  return content.length ? { type: "paragraph", content } : { type: "paragraph" };
}

type Mark = NonNullable<JSONContent["marks"]>[number];

function inlineContent(tokens: Token[], marks: Mark[] = []): JSONContent[] {
  const out: JSONContent[] = [];
  const text = (value: string) => {
    if (value) out.push(marks.length ? { type: "text", text: value, marks } : { type: "text", text: value });
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "escape": {
        const t = token as Tokens.Text;
        if (t.tokens?.length) out.push(...inlineContent(t.tokens, marks));
        else text(decodeEntities(t.text));
        break;
      }
      case "codespan":
        text(decodeEntities((token as Tokens.Codespan).text));
        break;
      case "strong":
        out.push(...inlineContent((token as Tokens.Strong).tokens, [...marks, { type: "bold" }]));
        break;
      case "em":
        out.push(...inlineContent((token as Tokens.Em).tokens, [...marks, { type: "italic" }]));
        break;
      case "link": {
        const t = token as Tokens.Link;
        const linkMarks = isSafeLinkHref(t.href) ? [...marks, { type: "link", attrs: { href: t.href } }] : marks;
        out.push(...inlineContent(t.tokens, linkMarks));
        break;
      }
      case "br":
        text(" ");
        break;
      default:
        // Raw HTML, inline images and anything else outside the schema are dropped.
        break;
    }
  }
  return out;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
