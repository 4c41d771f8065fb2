"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";
import { listenSettled, useFeed } from "./FeedProvider";
import "./LiveUpdates.css";

/**
 * Keeps the story list current: re-reads the page whenever the feed says a story changed
 * (moved, authors, who is in it), and after the feed was away.
 */
export function LiveUpdates() {
  const router = useRouter();
  const { state, listen } = useFeed();

  useEffect(
    () =>
      listenSettled(
        listen,
        (event) => event !== "inbox",
        () => startTransition(() => router.refresh()),
      ),
    [listen, router],
  );

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
