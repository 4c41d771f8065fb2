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
 * free, else the palette's first free one, else the first free made-up one (a newsroom watching
 * breaking news is many more people than the palette has colours).
 */
export function freePresenceColor(
  own: string,
  taken: ReadonlySet<string>,
): string {
  if (!taken.has(own)) return own;
  const free = PRESENCE_PALETTE.find((c) => !taken.has(c));
  if (free) return free;
  // Of taken.size + 1 distinct colours one is free (unless the made-up ones run out).
  for (let n = 0; n <= taken.size; n++) {
    const color = madeUpColor(n);
    if (color === undefined) break;
    if (!taken.has(color)) return color;
  }
  return own;
}

/** Hues this far apart never line up (the golden angle), so neighbours in the list differ. */
const GOLDEN_ANGLE = 137.508;
/** WCAG AA for the caret label's white 11px text. */
const MIN_CONTRAST_WITH_WHITE = 4.5;
/** Each hue comes in these saturations and these depths below the lightest that reads. */
const SATURATIONS = [0.75, 0.5, 0.95];
const DEEPER_BY = [0, 0.1];
/** Enough for any newsroom (about 4,300 distinct colours); made as they are needed, and kept. */
const MADE_UP_TRIES = 6000;

const madeUp = {
  colors: [] as string[],
  seen: new Set(PRESENCE_PALETTE),
  tried: 0,
};

/** The `n`th made-up colour (none of the palette's, none twice); undefined past the last. */
export function madeUpColor(n: number): string | undefined {
  while (madeUp.colors.length <= n && madeUp.tried < MADE_UP_TRIES) {
    const i = madeUp.tried++;
    const color = darkEnough(
      (i * GOLDEN_ANGLE) % 360,
      SATURATIONS[i % SATURATIONS.length]!,
      DEEPER_BY[Math.floor(i / SATURATIONS.length) % DEEPER_BY.length]!,
    );
    if (!madeUp.seen.has(color)) {
      madeUp.seen.add(color);
      madeUp.colors.push(color);
    }
  }
  return madeUp.colors[n];
}

/** The lightest colour of `hue` and `saturation` white text reads on, `deeper` darker still. */
function darkEnough(hue: number, saturation: number, deeper: number): string {
  for (let lightness = 0.5; lightness > 0; lightness -= 0.01) {
    if (
      contrastWithWhite(hslToHex(hue, saturation, lightness)) >=
      MIN_CONTRAST_WITH_WHITE
    )
      return hslToHex(hue, saturation, Math.max(0.05, lightness - deeper));
  }
  return hslToHex(hue, saturation, 0.05);
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
