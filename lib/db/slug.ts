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
