/**
 * A suggestion's id says who made it and when: `<user id>:<epoch ms>:<nonce>`. The library marks
 * text with `{id}` only (it has no author attribute), so the author travels in the id; the name
 * is looked up from the user id, never stored in the document.
 */
export const SUGGESTION_ID =
  /^([A-Za-z0-9_-]{1,64}):(\d{1,15}):([A-Za-z0-9]{4,16})$/;

/** Longest suggestion id (a UUID, 15 digits and a 16-character nonce, with separators). */
export const SUGGESTION_ID_MAX = 64 + 15 + 16 + 2;

/** Who made a suggestion and when. */
export interface SuggestionAuthor {
  userId: string;
  at: Date;
}

/** Whether `value` is a well-formed suggestion id. */
export function isSuggestionId(value: unknown): value is string {
  return typeof value === "string" && SUGGESTION_ID.test(value);
}

/** The author and time of a suggestion id, or null when it is not one. */
export function parseSuggestionId(value: unknown): SuggestionAuthor | null {
  if (typeof value !== "string") return null;
  const match = SUGGESTION_ID.exec(value);
  if (!match) return null;
  return { userId: match[1]!, at: new Date(Number(match[2])) };
}

/** A new suggestion id for `userId` at `now`. */
export function newSuggestionId(userId: string, now = Date.now()): string {
  const nonce = Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, "0");
  const id = `${userId}:${now}:${nonce}`;
  if (!SUGGESTION_ID.test(id))
    throw new Error(`cannot make a suggestion id for user ${userId}`);
  return id;
}
