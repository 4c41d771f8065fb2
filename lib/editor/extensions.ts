import { Node, type Attributes, type Extensions } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import Italic from "@tiptap/extension-italic";
import Link from "@tiptap/extension-link";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import StarterKit from "@tiptap/starter-kit";
import { BODY_HEADING_LEVELS } from "./attribute-types";
import { Figure, FigureAlt, FigureCaption, FigureCredit } from "./figure";
import { isSafeLinkHref, STORY_LINK_REL } from "./links";
import { SchemaGuard } from "./schema-guard";
import { suggestionMarks } from "./suggestions/marks";

/**
 * The link mark, with the schema's attributes, whose `rel`, `target` and `class` are never
 * rendered from the document: every link gets the site's (HTMLAttributes below), so a story
 * cannot drop `nofollow` or `noopener`, nor open a window its page can script.
 */
const StoryLink = Link.extend({
  addAttributes() {
    const attributes: Attributes = this.parent?.() ?? {};
    const notRendered = { renderHTML: () => ({}) };
    return {
      ...attributes,
      target: { ...attributes.target, ...notRendered },
      rel: { ...attributes.rel, ...notRendered },
      class: { ...attributes.class, ...notRendered },
    };
  },
});

/**
 * The story body schema: paragraph, heading, blockquote, lists, horizontal rule, figure (with
 * its caption, credit and alt text);
 * marks bold, italic, link, and the suggestion marks (suggestions/marks.ts). Used by the browser editor, server rendering, import and validation.
 * The browser adds collaboration and UI-only extensions on top of this list.
 */
export function bodyExtensions(
  options: { figure?: typeof Figure } = {},
): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [...BODY_HEADING_LEVELS] },
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      hardBreak: false,
      // Collaboration brings its own (per-user) undo history.
      undoRedo: false,
      link: false,
    }),
    StoryLink.configure({
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      protocols: ["http", "https", "mailto"],
      isAllowedUri: (url) => isSafeLinkHref(url),
      HTMLAttributes: { rel: STORY_LINK_REL, target: null },
    }),
    // The browser passes the same node with an interactive node view; the schema is identical.
    options.figure ?? Figure,
    FigureCaption,
    FigureCredit,
    FigureAlt,
    ...suggestionMarks(),
    SchemaGuard,
  ];
}

/** A document that holds exactly one paragraph: single-line rich text. */
const SingleLineDocument = Node.create({
  name: "doc",
  topNode: true,
  content: "paragraph",
});

/** Schema of the headline and deck fields: one line of text, bold, italic and suggestions. */
export function singleLineExtensions(): Extensions {
  return [
    SingleLineDocument,
    Paragraph,
    Text,
    Bold,
    Italic,
    ...suggestionMarks(),
    SchemaGuard,
  ];
}
