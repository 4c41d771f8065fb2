/** Where a sign-in or a refused address sends people. */
export const DEFAULT_REDIRECT = "/newsroom";

// URL parsers drop tabs and newlines anywhere (`/\t/evil.com` is `//evil.com` to a browser) and
// other controls at the ends, so no address that holds one is trusted.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A path that every URL parser reads as a path on the current origin. */
function isPlainPath(value: string): boolean {
  return (
    value.startsWith("/") &&
    value[1] !== "/" &&
    !value.includes("\\") &&
    !CONTROL.test(value)
  );
}

/** `value` and each form percent-decoding makes of it, or null when one is malformed. */
function decodedForms(value: string): string[] | null {
  const forms = [value];
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(forms[forms.length - 1]!);
    } catch {
      return null;
    }
    if (next === forms[forms.length - 1]) return forms;
    forms.push(next);
  }
  // Still changing after four rounds: nobody sends that in good faith.
  return null;
}

function isSafePath(value: string): boolean {
  const forms = decodedForms(value);
  return forms !== null && forms.every(isPlainPath);
}

/**
 * The path (with query and fragment) to send someone to for `target`, when `target` is a path
 * on `origin` or an absolute address on it; `fallback` (/newsroom) for anything else —
 * another origin, `//host`, backslashes, tabs or newlines, percent-encoded forms of those,
 * `javascript:` and other schemes, non-strings. Never throws. The one rule for every redirect
 * the app makes from an address it was given.
 */
export function safeRedirectPath(
  target: unknown,
  origin: string,
  fallback: string = DEFAULT_REDIRECT,
): string {
  if (typeof target !== "string" || target.length > 2048) return fallback;
  let own: string;
  try {
    own = new URL(origin).origin;
  } catch {
    return fallback;
  }
  let path = target;
  if (target === own) path = "/";
  else if (target.startsWith(`${own}/`)) path = target.slice(own.length);
  if (!isSafePath(path)) return fallback;
  const url = new URL(path, own);
  // Dot segments can turn a safe-looking path into `//host` (`/..//evil.com`): check the result.
  const result = url.pathname + url.search + url.hash;
  return url.origin === own && isSafePath(result) ? result : fallback;
}
