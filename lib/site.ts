import { z } from "zod";
import type { Byline } from "./editor/story-document";

const bylinesSchema = z.array(
  z.object({ name: z.string(), email: z.string() }),
);
const tagsSchema = z.array(z.string());

/** A revision's stored bylines ([] when unreadable). */
export function parseBylines(json: string): Byline[] {
  const parsed = bylinesSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : [];
}

/** A revision's stored tags ([] when unreadable). */
export function parseTags(json: string): string[] {
  const parsed = tagsSchema.safeParse(safeJson(json));
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** "Oct. 25, 2024 - 14:03" style date and time in the site's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat("en-US", {
    timeZone,
    month: "short",
    day: "numeric",
    year: "numeric",
  }).format(date);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
  return `${day} - ${time}`;
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
