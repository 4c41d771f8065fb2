import { z } from "zod";

/**
 * Search and social overrides: what search results and shared links show of a story when the
 * desk wants something other than its headline and deck. Each is optional (null: the headline,
 * or the deck, stands in).
 */
export interface SearchSocial {
  /** The page's `<title>` and the JSON-LD headline. */
  seoTitle: string | null;
  /** The Open Graph and Twitter card title. */
  socialHeadline: string | null;
  /** The Open Graph and Twitter card description. */
  socialDescription: string | null;
}

/** Longest value of each: about what search results and link cards show before cutting. */
export const SEARCH_SOCIAL_LIMITS = {
  seoTitle: 70,
  socialHeadline: 110,
  socialDescription: 300,
} as const satisfies Record<keyof SearchSocial, number>;

/** One override in a request: text on one line (runs of white space become one space), "" or null clears it. */
function override(max: number) {
  return z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, `at most ${max} characters`))
    .transform((s) => s || null)
    .nullable();
}

/** The overrides a request may set; each one given is set, the others are kept. */
export const searchSocialBody = z
  .object({
    seoTitle: override(SEARCH_SOCIAL_LIMITS.seoTitle),
    socialHeadline: override(SEARCH_SOCIAL_LIMITS.socialHeadline),
    socialDescription: override(SEARCH_SOCIAL_LIMITS.socialDescription),
  })
  .partial();

/** The overrides stored on a story or a revision row. */
export function searchSocialOf(row: {
  seo_title: string | null;
  social_headline: string | null;
  social_description: string | null;
}): SearchSocial {
  // Stored values passed the request schema; anything else (a hand-edited row) is ignored.
  const text = (v: unknown) =>
    typeof v === "string" && v.trim() ? v.trim() : null;
  return {
    seoTitle: text(row.seo_title),
    socialHeadline: text(row.social_headline),
    socialDescription: text(row.social_description),
  };
}

/** The row columns of `values` (only those given). */
export function searchSocialColumns(values: Partial<SearchSocial>): {
  seo_title?: string | null;
  social_headline?: string | null;
  social_description?: string | null;
} {
  return {
    ...(values.seoTitle !== undefined ? { seo_title: values.seoTitle } : {}),
    ...(values.socialHeadline !== undefined
      ? { social_headline: values.socialHeadline }
      : {}),
    ...(values.socialDescription !== undefined
      ? { social_description: values.socialDescription }
      : {}),
  };
}
