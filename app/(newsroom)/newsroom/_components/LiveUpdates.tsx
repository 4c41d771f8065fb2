"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";
import "./LiveUpdates.css";

/** A burst of changes (a crowd opening a story) is one re-read, at most one a second. */
const SETTLE_MS = 150;
const MIN_GAP_MS = 1000;
const MAX_RETRY_MS = 30_000;

type FeedState = "connecting" | "live" | "reconnecting";

/**
 * Keeps the story list current: holds the newsroom feed socket (server/newsroom-feed.ts), and
 * re-reads the page whenever a story changes (moved, authors, who is in it), and after a
 * reconnect, since changes may have been missed meanwhile.
 */
export function LiveUpdates() {
  const router = useRouter();
  const [state, setState] = useState<FeedState>("connecting");

  useEffect(() => {
    let stopped = false;
    let socket: WebSocket | null = null;
    let failures = 0;
    let lastRefresh = Date.now();
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;

    const refresh = () => {
      if (refreshTimer) return;
      const wait = Math.max(SETTLE_MS, lastRefresh + MIN_GAP_MS - Date.now());
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        lastRefresh = Date.now();
        startTransition(() => router.refresh());
      }, wait);
    };

    const retry = () => {
      if (stopped) return;
      setState("reconnecting");
      failures++;
      const delay = Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(failures, 6));
      retryTimer = setTimeout(() => void connect(), delay);
    };

    const connect = async () => {
      let url: string;
      try {
        const response = await fetch("/api/newsroom/feed", {
          cache: "no-store",
        });
        if (!response.ok) throw new Error(String(response.status));
        ({ url } = (await response.json()) as { url: string });
      } catch {
        retry();
        return;
      }
      if (stopped) return;
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        if (failures > 0) refresh();
        failures = 0;
        setState("live");
      };
      ws.onmessage = (event) => {
        if (typeof event.data === "string" && event.data.includes('"story"'))
          refresh();
      };
      ws.onclose = () => {
        if (socket === ws) socket = null;
        retry();
      };
    };

    void connect();
    return () => {
      stopped = true;
      socket?.close();
      if (refreshTimer) clearTimeout(refreshTimer);
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, [router]);

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
