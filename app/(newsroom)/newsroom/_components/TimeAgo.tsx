"use client";

import { useSyncExternalStore } from "react";
import { newsroomTime } from "@/lib/newsroom-time";

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

function describe(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size)
      return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

const TICK_MS = 30_000;

function subscribeToClock(onTick: () => void): () => void {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}

// Rounded, so React sees a stable snapshot between ticks.
function readClock(): number {
  return Math.floor(Date.now() / TICK_MS) * TICK_MS;
}

/** "5 minutes ago", kept current; the exact time is in the title and the datetime attribute. */
export function TimeAgo({ iso }: { iso: string }) {
  const now = useSyncExternalStore(subscribeToClock, readClock, () => null);
  const exact = newsroomTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {now === null ? exact : describe(iso, now)}
    </time>
  );
}
