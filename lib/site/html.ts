import { isSafeLinkHref, STORY_LINK_REL } from "../editor/links";
import { variantUrl, variantWidths } from "../uploads/images";
import { isUploadUrl } from "../uploads/names";

/**
 * Post-processing of published body HTML for the public site. The input is always HTML that
 * `renderBodyHtml` produced on the server from the shared schema (attribute values escaped,
 * figures as `<figure class="story-figure"><img src alt width height><figcaption>…`), never
 * HTML from a browser, so the tags parsed here have a known, regular shape.
 */

/** An image of a published figure, as the site shows it. */
export interface FigureImage {
  /** Escaped as stored (safe to put back into an attribute). */
  src: string;
  alt: string;
  width: number | null;
  height: number | null;
}

/** Where an image sits in the layout: the `sizes` attribute for each place. */
export const IMAGE_SIZES = {
  /** The article's lead photo and inline figures (column up to 760 px wide). */
  article:
    "(min-width: 1100px) 760px, (min-width: 760px) calc(100vw - 340px), 100vw",
  /** The home page's lead story. */
  lead: "(min-width: 1100px) 640px, (min-width: 760px) 60vw, 100vw",
  /** Small pictures beside headlines in lists. */
  thumb: "(min-width: 760px) 180px, 120px",
} as const;

const attrPattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)="([^"]*)"/g;

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(attrPattern)) found.set(m[1]!, m[2]!);
  return found;
}

function positiveInt(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function unescapeAttr(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function escapeAttr(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The image of an `<img>` tag, or null unless its `src` is one of our uploads. */
function imageFromTag(tag: string): FigureImage | null {
  const a = attributes(tag);
  const src = unescapeAttr(a.get("src") ?? "");
  if (!isUploadUrl(src)) return null;
  return {
    src,
    alt: unescapeAttr(a.get("alt") ?? ""),
    width: positiveInt(a.get("width")),
    height: positiveInt(a.get("height")),
  };
}

/** The image of the body's first figure (the story's lead photo), or null. */
export function firstFigureImage(html: string): FigureImage | null {
  const figure = /<figure\b[^>]*>\s*(<img\b[^>]*>)/.exec(html);
  return figure ? imageFromTag(figure[1]!) : null;
}

/**
 * `srcset` for an uploaded image: the stored resized copies (480/960/1600 px, those narrower
 * than the original) plus the original. Null for images we did not store (no copies exist).
 */
export function imageSrcSet(image: {
  src: string;
  width: number | null;
}): string | null {
  if (!isUploadUrl(image.src) || !image.width) return null;
  const widths = variantWidths(image.width);
  if (widths.length === 0) return null;
  return [
    ...widths.map((w) => `${variantUrl(image.src, w)} ${w}w`),
    `${image.src} ${image.width}w`,
  ].join(", ");
}

/** The smallest stored copy at least `minWidth` wide (or the original): for cards and feeds. */
export function imageAtWidth(
  image: { src: string; width: number | null },
  minWidth: number,
): string {
  if (!isUploadUrl(image.src) || !image.width) return image.src;
  const w = variantWidths(image.width).find((v) => v >= minWidth);
  return w ? variantUrl(image.src, w) : image.src;
}

export interface BodyParts {
  /** The figure the body opens with, shown as the article's lead photo; null if it opens with text. */
  leadFigureHtml: string | null;
  /** Everything after the lead figure. */
  restHtml: string;
}

/** Splits off the figure a body opens with (the lead photo sits under the headline). */
export function splitLeadFigure(html: string): BodyParts {
  const trimmed = html.trimStart();
  if (!trimmed.startsWith("<figure"))
    return { leadFigureHtml: null, restHtml: html };
  // Figures never nest (the schema's figure holds only inline content).
  const end = trimmed.indexOf("</figure>");
  if (end < 0) return { leadFigureHtml: null, restHtml: html };
  const cut = end + "</figure>".length;
  return {
    leadFigureHtml: trimmed.slice(0, cut),
    restHtml: trimmed.slice(cut),
  };
}

/** The class of an image whose size was never recorded: the site keeps a 3:2 box for it. */
export const UNSIZED_IMAGE_CLASS = "unsized";

export interface ResponsiveOptions {
  /** Load the first image eagerly with high priority (the lead photo); the rest lazily. */
  eagerFirst: boolean;
  sizes: string;
}

/**
 * Rewrites every `<img>` of server-rendered body HTML for the site: `srcset`/`sizes` from the
 * stored copies, width and height kept (no layout shift; an image without them gets the class
 * UNSIZED_IMAGE_CLASS), `loading`/`decoding`/`fetchpriority` set. Any other attribute is dropped.
 */
export function responsiveImages(
  html: string,
  options: ResponsiveOptions,
): string {
  let index = 0;
  return html.replace(/<img\b[^>]*>/g, (tag) => {
    const image = imageFromTag(tag);
    const first = index++ === 0;
    if (!image) return "";
    const attrs: Array<[string, string]> = [["src", image.src]];
    const srcset = imageSrcSet(image);
    if (srcset) attrs.push(["srcset", srcset], ["sizes", options.sizes]);
    attrs.push(["alt", image.alt]);
    if (image.width && image.height)
      attrs.push(
        ["width", String(image.width)],
        ["height", String(image.height)],
      );
    // No recorded size: a 3:2 box is kept for it, or the text would jump when it arrives.
    else attrs.push(["class", UNSIZED_IMAGE_CLASS]);
    if (first && options.eagerFirst)
      attrs.push(["loading", "eager"], ["fetchpriority", "high"]);
    else attrs.push(["loading", "lazy"]);
    attrs.push(["decoding", "async"]);
    return `<img ${attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(" ")}>`;
  });
}

/**
 * Every `<a>` of stored body HTML as the site's policy has it, whatever was stored (a page
 * published before a policy changed included): `href` only when it is a safe link, `title`
 * kept, `rel` the site's (STORY_LINK_REL), no `target`, nothing else.
 */
export function siteLinks(html: string): string {
  return html.replace(/<a\b[^>]*>/g, (tag) => {
    const a = attributes(tag);
    const attrs: Array<[string, string]> = [["rel", STORY_LINK_REL]];
    const href = unescapeAttr(a.get("href") ?? "");
    if (isSafeLinkHref(href)) attrs.push(["href", href]);
    const title = a.get("title");
    if (title) attrs.push(["title", unescapeAttr(title)]);
    return `<a ${attrs.map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(" ")}>`;
  });
}

/** Plain text of an HTML fragment (tags removed, entities decoded, spaces collapsed). */
export function htmlToText(html: string): string {
  return unescapeAttr(
    html
      .replace(/<\/(p|h[1-6]|li|blockquote|figcaption|figure)>/g, " ")
      .replace(/<[^>]*>/g, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A dateline as the paper prints it: the place in capitals up to its first comma, the rest as
 * written ("Busan" → "BUSAN", "Washington, D.C." → "WASHINGTON, D.C."); "" when there is none.
 * Dashes a reporter typed at its end are dropped: the page adds its own.
 */
export function datelineLabel(dateline: string | null | undefined): string {
  const text = (dateline ?? "")
    .replace(/\s+/g, " ")
    .replace(/[\s,:—–-]+$/, "")
    .trim();
  const comma = text.indexOf(",");
  return comma < 0
    ? text.toUpperCase()
    : text.slice(0, comma).toUpperCase() + text.slice(comma);
}

/**
 * Body HTML (without its lead figure) with the dateline opening its first paragraph, as
 * `<span class="dateline">BUSAN —</span> `; a body that opens otherwise gets a paragraph of its
 * own for it. `label` is plain text (escaped here).
 */
export function withDateline(html: string, label: string): string {
  if (!label) return html;
  const span = `<span class="dateline">${escapeAttr(label)} —</span> `;
  const trimmed = html.trimStart();
  if (trimmed.startsWith("<p>")) return `<p>${span}${trimmed.slice(3)}`;
  return `<p>${span.trimEnd()}</p>${trimmed}`;
}
