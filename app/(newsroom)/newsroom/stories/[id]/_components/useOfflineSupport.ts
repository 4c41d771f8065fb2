"use client";

import { useEffect } from "react";

/**
 * Registers the service worker that lets this story page reopen without a network, and hands it
 * this page and its assets (loaded before the worker existed) to keep.
 */
export function useOfflineSupport(): void {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    void navigator.serviceWorker
      .register("/sw.js", { scope: "/newsroom/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (cancelled) return;
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) =>
            name.startsWith(`${location.origin}/_next/static/`),
          );
        registration.active?.postMessage({
          type: "keep",
          page: location.pathname,
          assets,
        });
      })
      .catch(() => {
        // Without a service worker the editor still works online and keeps edits in IndexedDB.
      });
    return () => {
      cancelled = true;
    };
  }, []);
}
