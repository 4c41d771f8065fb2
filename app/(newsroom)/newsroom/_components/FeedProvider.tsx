"use client";

import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";

const MAX_RETRY_MS = 30_000;

export type FeedState = "connecting" | "live" | "reconnecting";
/** What the feed tells: a story changed, the inbox changed, or the feed is back after a gap. */
export type FeedEvent = "story" | "inbox" | "reconnected";
/** Which story changed (a "story" event), and whether only who is in it did. */
export interface StoryChange {
  storyId: string;
  presence: boolean;
}
type Listener = (event: FeedEvent, change?: StoryChange) => void;
type Filter = (event: FeedEvent, change?: StoryChange) => boolean;

interface Feed {
  state: FeedState;
  listen(listener: Listener): () => void;
}

const FeedContext = createContext<Feed | null>(null);

/**
 * Holds the newsroom page's one feed socket (server/newsroom-feed.ts), reconnecting with
 * backoff and a fresh token, and hands what it hears to the parts of the page that listen.
 */
export function FeedProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<FeedState>("connecting");
  const listeners = useRef(new Set<Listener>());
  const [feed] = useState<Omit<Feed, "state">>(() => ({
    listen(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  }));

  useEffect(() => {
    let stopped = false;
    let socket: WebSocket | null = null;
    let failures = 0;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const tell = (event: FeedEvent, change?: StoryChange) => {
      for (const listener of listeners.current) listener(event, change);
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
        // Whatever changed while the feed was away was not heard: listeners re-read.
        if (failures > 0) tell("reconnected");
        failures = 0;
        setState("live");
      };
      ws.onmessage = (message) => {
        if (typeof message.data !== "string") return;
        try {
          const { type, storyId, presence } = JSON.parse(message.data) as {
            type?: unknown;
            storyId?: unknown;
            presence?: unknown;
          };
          if (type === "inbox") tell(type);
          else if (type === "story" && typeof storyId === "string")
            tell(type, { storyId, presence: presence === true });
        } catch {
          // Not ours to read: ignored.
        }
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
      if (retryTimer) clearTimeout(retryTimer);
    };
  }, []);

  return (
    <FeedContext.Provider value={{ state, listen: feed.listen }}>
      {children}
    </FeedContext.Provider>
  );
}

/** The feed's connection state, and a way to hear it (inside FeedProvider). */
export function useFeed(): Feed {
  const feed = useContext(FeedContext);
  if (!feed) throw new Error("useFeed outside FeedProvider");
  return feed;
}

/** A burst of changes (a crowd opening a story) is one re-read, at most one a second. */
const SETTLE_MS = 150;
const MIN_GAP_MS = 1000;

/**
 * Runs `run` when the feed tells something `wanted` accepts, a burst of such events being one
 * run, at most one a second. Returns what stops it.
 */
export function listenSettled(
  listen: Feed["listen"],
  wanted: Filter,
  run: () => void,
): () => void {
  let lastRun = Date.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = listen((event, change) => {
    if (timer || !wanted(event, change)) return;
    const wait = Math.max(SETTLE_MS, lastRun + MIN_GAP_MS - Date.now());
    timer = setTimeout(() => {
      timer = null;
      lastRun = Date.now();
      run();
    }, wait);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
