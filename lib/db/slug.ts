/** Slugs: browser-safe (the editor previews the slug as the headline changes). */
const MAX_SLUG_LENGTH = 80;

/** A URL slug from a headline: lowercase ASCII words joined by hyphens ("" if none). */
export function slugify(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= MAX_SLUG_LENGTH) return ascii;
  const cut = ascii.slice(0, MAX_SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 40 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

/** `base` with a short random suffix, for when `base` is taken. */
export function withSuffix(base: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return `${base}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Whether `slug` is a well-formed slug (what URL parameters are checked against). */
export function isValidSlug(slug: string): boolean {
  return (
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) &&
    slug.length <= MAX_SLUG_LENGTH + 8
  );
}

/**
 * The slug a story gets from its headline: the headline's ASCII words, or — for a headline in
 * Korean, Japanese, Chinese or another script without them — `story-` and the start of its id.
 */
export function slugForHeadline(headline: string, storyId: string): string {
  return (
    slugify(headline) ||
    `story-${storyId.replace(/[^a-z0-9]/g, "").slice(0, 8)}`
  );
}

/** The BCP 47 language of text written mostly in Hangul, kana or Han characters, else null. */
export function scriptLanguage(text: string): "ko" | "ja" | "zh" | null {
  const hangul = text.match(/[\uac00-\ud7af\u1100-\u11ff]/g)?.length ?? 0;
  const kana = text.match(/[\u3040-\u30ff]/g)?.length ?? 0;
  const han = text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  const cjk = hangul + kana + han;
  if (cjk === 0 || cjk < latin) return null;
  if (hangul >= kana && hangul >= han) return "ko";
  return kana > 0 ? "ja" : "zh";
}

/**
 * The URL slug of a tag: its ASCII slug ("North Korea" → "north-korea"), or for a tag written
 * without Latin letters or digits its own words, lower-cased and joined by hyphens
 * ("북한 핵" → "북한-핵"); "" for a tag of punctuation only.
 */
export function tagSlug(tag: string): string {
  const ascii = slugify(tag);
  if (ascii) return ascii;
  return tag
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH);
}

/** Whether `slug` (from a URL) is a tag slug as `tagSlug` makes them: its own slug. */
export function isValidTagSlug(slug: string): boolean {
  return (
    slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && tagSlug(slug) === slug
  );
}
