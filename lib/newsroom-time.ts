/**
 * How the newsroom writes a moment, everywhere it shows one (the story list, history, comments,
 * suggestions, embargoes, links): day before month, 24-hour clock, in the reader's time zone.
 * The public site has its own, in the site's zone (lib/site/format.ts).
 */
const full = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});

/** Without the year, for lists of recent things (comments, suggestions). */
const brief = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/** "7 Dec 2026, 01:38". */
export function newsroomTime(at: string | Date): string {
  return full.format(new Date(at));
}

/** "7 Dec, 01:38". */
export function newsroomTimeBrief(at: string | Date): string {
  return brief.format(new Date(at));
}
