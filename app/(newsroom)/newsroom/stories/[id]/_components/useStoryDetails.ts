"use client";

import { useCallback, useEffect, useState } from "react";
import type { StoryDetails } from "@/lib/stories/details";

const REFRESH_MS = 4000;

/**
 * The story's status, permissions and record, kept current: colleagues move stories through
 * the workflow (and the scheduler publishes them) while this page is open.
 */
export function useStoryDetails(initial: StoryDetails): {
  story: StoryDetails;
  refresh: () => Promise<void>;
  replace: (next: StoryDetails) => void;
} {
  const [story, setStory] = useState(initial);
  const refresh = useCallback(async () => {
    const response = await fetch(`/api/stories/${initial.id}`, {
      cache: "no-store",
    }).catch(() => null);
    if (response?.ok) setStory((await response.json()) as StoryDetails);
  }, [initial.id]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && navigator.onLine)
        void refresh();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  return { story, refresh, replace: setStory };
}
