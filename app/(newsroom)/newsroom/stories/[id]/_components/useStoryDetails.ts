"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { StoryDetails } from "@/lib/stories/details";
import { listenSettled, useFeed } from "../../../_components/FeedProvider";

/** Re-reads without being told: often while the feed is away, rarely as a backstop. */
const POLL_OFFLINE_FEED_MS = 4000;
const POLL_LIVE_FEED_MS = 60_000;

/**
 * The story's status, address, permissions and record, kept current: colleagues move stories
 * through the workflow (and the scheduler publishes them) while this page is open. The newsroom
 * feed says when this story changed; the page polls only while the feed is away (and, rarely, in
 * case an announcement was lost). Everything the editor shows about the story reads from here,
 * never from a copy taken when it opened.
 */
export function useStoryDetails(initial: StoryDetails): {
  story: StoryDetails;
  /** Reads the details again; resolves to them (null when they could not be read). */
  refresh: () => Promise<StoryDetails | null>;
  replace: (next: StoryDetails) => void;
} {
  const [story, setStory] = useState(initial);
  // Each change of the details gets a number: an answer to a request made before the last
  // change (a poll that crossed a Publish) is older than what is shown, and is dropped.
  const generation = useRef(0);
  const refresh = useCallback(async () => {
    const asked = ++generation.current;
    const response = await fetch(`/api/stories/${initial.id}`, {
      cache: "no-store",
    }).catch(() => null);
    if (!response?.ok) return null;
    const next = (await response.json()) as StoryDetails;
    if (asked === generation.current) setStory(next);
    return next;
  }, [initial.id]);
  const replace = useCallback((next: StoryDetails) => {
    generation.current++;
    setStory(next);
  }, []);

  const { state: feedState, listen } = useFeed();
  useEffect(
    () =>
      listenSettled(
        listen,
        // This story's changes, and whatever the feed missed while away. Who is in the story
        // is not part of its details (the editor shows it from presence).
        (event, change) =>
          event === "reconnected" ||
          (change?.storyId === initial.id && !change.presence),
        () => void refresh(),
      ),
    [listen, refresh, initial.id],
  );

  useEffect(() => {
    const timer = setInterval(
      () => {
        if (document.visibilityState === "visible" && navigator.onLine)
          void refresh();
      },
      feedState === "live" ? POLL_LIVE_FEED_MS : POLL_OFFLINE_FEED_MS,
    );
    // Back to the tab or the network: what changed meanwhile shows at once.
    const now = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    document.addEventListener("visibilitychange", now);
    window.addEventListener("online", now);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", now);
      window.removeEventListener("online", now);
    };
  }, [refresh, feedState]);

  return { story, refresh, replace };
}
