"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { StoryDetails } from "@/lib/stories/details";

const REFRESH_MS = 4000;

/**
 * The story's status, address, permissions and record, kept current: colleagues move stories
 * through the workflow (and the scheduler publishes them) while this page is open. Everything
 * the editor shows about the story reads from here, never from a copy taken when it opened.
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

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && navigator.onLine)
        void refresh();
    }, REFRESH_MS);
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
  }, [refresh]);

  return { story, refresh, replace };
}
