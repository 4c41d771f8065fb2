/** Caret colours: distinct, and dark enough for white label text. */
export const PRESENCE_PALETTE: readonly string[] = [
  "#c2410c",
  "#0f766e",
  "#7c3aed",
  "#be123c",
  "#1d4ed8",
  "#a16207",
  "#15803d",
  "#9d174d",
  "#0e7490",
  "#6d28d9",
];

/** A stable colour for a user, the same in every session. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_PALETTE[hash % PRESENCE_PALETTE.length]!;
}
