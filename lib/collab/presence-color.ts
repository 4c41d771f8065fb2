/**
 * Presence colours come from other people's browsers (awareness states are relayed as sent), so
 * one reaches CSS only as `#rrggbb`; anything else (a `url(…)`, an expression, a long string, a
 * value of another type) shows as FALLBACK_PRESENCE_COLOR. Browser-safe.
 */
export const FALLBACK_PRESENCE_COLOR = "#64748b";

/** `value` when it is a `#rrggbb` colour, else the fallback. */
export function presenceColor(value: unknown): string {
  return typeof value === "string" && /^#[0-9a-fA-F]{6}$/.test(value)
    ? value
    : FALLBACK_PRESENCE_COLOR;
}
