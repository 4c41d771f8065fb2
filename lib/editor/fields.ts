/** Recommended (not enforced) lengths: longer headlines are cut off in search results and feeds. */
export const HEADLINE_RECOMMENDED_MAX = 90;
export const DECK_RECOMMENDED_MAX = 200;

/** Average adult reading speed for news copy. */
const WORDS_PER_MINUTE = 230;

/** Minutes to read `words` words, rounded up; 0 for an empty story. */
export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.ceil(words / WORDS_PER_MINUTE));
}
