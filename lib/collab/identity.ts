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

/**
 * The colour someone shows beside the `taken` colours of everyone else present: their own when
 * free, else the palette's first free one, else one made up to be free (a newsroom watching
 * breaking news is many more people than the palette has colours).
 */
export function freePresenceColor(
  own: string,
  taken: ReadonlySet<string>,
): string {
  if (!taken.has(own)) return own;
  const free = PRESENCE_PALETTE.find((c) => !taken.has(c));
  if (free) return free;
  // Made-up colours rarely coincide after rounding; past this many tries something is wrong.
  for (let i = 0; i < taken.size + 1000; i++) {
    const color = madeUpColor(i);
    if (!taken.has(color)) return color;
  }
  return own;
}

/** Hues this far apart never line up (the golden angle), so neighbours in the list differ. */
const GOLDEN_ANGLE = 137.508;
/** WCAG AA for the caret label's white 11px text. */
const MIN_CONTRAST_WITH_WHITE = 4.5;

/** The `i`th colour beyond the palette: spread hues, darkened until white text reads on it. */
export function madeUpColor(i: number): string {
  const hue = (i * GOLDEN_ANGLE) % 360;
  const saturation = i % 2 === 0 ? 0.75 : 0.55;
  for (let lightness = 0.45; ; lightness -= 0.02) {
    const color = hslToHex(hue, saturation, lightness);
    if (contrastWithWhite(color) >= MIN_CONTRAST_WITH_WHITE) return color;
  }
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** The WCAG contrast ratio of white on `#rrggbb`. */
export function contrastWithWhite(color: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(color.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (luminance + 0.05);
}
