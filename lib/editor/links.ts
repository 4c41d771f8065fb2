/**
 * The `rel` of every link in a story, wherever it is rendered (editor, published page, version
 * pages): the site's policy, never what a document or a pasted page says. Links carry no
 * `target` (they open where the reader clicks them).
 */
export const STORY_LINK_REL = "noopener noreferrer nofollow";

/** Link targets a story may carry: web pages and e-mail addresses, nothing executable. */
const allowedProtocols = new Set(["http:", "https:", "mailto:"]);

/** Whether `href` is an absolute http(s) or mailto URL. */
export function isSafeLinkHref(href: string | null | undefined): boolean {
  if (!href) return false;
  const trimmed = href.trim();
  // Control characters and whitespace inside a scheme are how `java\tscript:` slips past naive checks.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return false;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return false;
  }
  if (!allowedProtocols.has(url.protocol)) return false;
  if (url.protocol === "mailto:") return url.pathname.includes("@");
  return url.hostname.length > 0;
}

/**
 * Normalises what a person typed into a link field: a bare domain gets https://.
 * Returns null when the result is not a safe link.
 */
export function normaliseLinkInput(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme
    ? trimmed
    : trimmed.includes("@") && !trimmed.includes("/")
      ? `mailto:${trimmed}`
      : `https://${trimmed}`;
  return isSafeLinkHref(candidate) ? candidate : null;
}
