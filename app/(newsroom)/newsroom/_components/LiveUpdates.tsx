"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";
import { useFeed } from "./FeedProvider";
import "./LiveUpdates.css";

/** A burst of changes (a crowd opening a story) is one re-read, at most one a second. */
const SETTLE_MS = 150;
const MIN_GAP_MS = 1000;

/**
 * Keeps the story list current: re-reads the page whenever the feed says a story changed
 * (moved, authors, who is in it), and after the feed was away.
 */
export function LiveUpdates() {
  const router = useRouter();
  const { state, listen } = useFeed();

  useEffect(() => {
    let lastRefresh = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = listen((event) => {
      if (event === "inbox" || timer) return;
      const wait = Math.max(SETTLE_MS, lastRefresh + MIN_GAP_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        lastRefresh = Date.now();
        startTransition(() => router.refresh());
      }, wait);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [listen, router]);

  return (
    <p className={`live-updates live-updates-${state}`} role="status">
      {state === "live"
        ? "Live"
        : state === "connecting"
          ? "Connecting…"
          : "Reconnecting…"}
    </p>
  );
}
