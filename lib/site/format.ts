/** Dates as the paper prints them (AP style), in the site's time zone. */

/** AP style: five months abbreviated with a point, March to July spelled out. */
const AP_MONTHS = [
  "Jan.",
  "Feb.",
  "March",
  "April",
  "May",
  "June",
  "July",
  "Aug.",
  "Sept.",
  "Oct.",
  "Nov.",
  "Dec.",
] as const;

/** The calendar fields of `date` in `timeZone`. */
function partsIn(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: get("year"),
    month: Number(get("month")),
    day: get("day"),
    time: `${get("hour")}:${get("minute")}`,
  };
}

/** "Oct. 18, 2024": the date of `iso` in the site's time zone, AP style. */
export function formatDate(iso: string, timeZone: string): string {
  const { year, month, day } = partsIn(new Date(iso), timeZone);
  return `${AP_MONTHS[month - 1]} ${day}, ${year}`;
}

/** "Oct. 18, 2024 - 14:03": date (AP style) and 24-hour time in the site's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const { year, month, day, time } = partsIn(new Date(iso), timeZone);
  return `${AP_MONTHS[month - 1]} ${day}, ${year} - ${time}`;
}

/** "Friday, October 25, 2024": today's date in the masthead, in the site's time zone. */
export function formatLongDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
  }).format(date);
}

/** The page number of a `?page=` query (1 when absent); 0 when it is not a page number. */
export function pageNumber(raw: string | string[] | undefined): number {
  if (raw === undefined) return 1;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^[1-9]\d{0,4}$/.test(value) ? Number(value) : 0;
}
