"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";

/**
 * The registration's worker once it is active. Not `navigator.serviceWorker.ready`: that waits
 * for a worker whose scope covers the URL the document was *created* with, and a story opened
 * with "New story" is a client-side navigation from `/newsroom`, outside the `/newsroom/` scope,
 * so `ready` never settled there and the page was never kept for offline use.
 */
function activeWorker(
  registration: ServiceWorkerRegistration,
): Promise<ServiceWorker> {
  return new Promise((resolve) => {
    const check = () => {
      if (registration.active) resolve(registration.active);
    };
    check();
    const pending = registration.installing ?? registration.waiting;
    pending?.addEventListener("statechange", check);
  });
}

/**
 * Registers the service worker that lets this story page reopen without a network, and hands it
 * this page and its assets (loaded before the worker existed, or by client-side navigation) to
 * keep.
 */
export function useOfflineSupport(): void {
  const pathname = usePathname();
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    void navigator.serviceWorker
      .register("/sw.js", { scope: "/newsroom/" })
      .then(activeWorker)
      .then((worker) => {
        if (cancelled) return;
        const assets = performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) =>
            name.startsWith(`${location.origin}/_next/static/`),
          );
        worker.postMessage({ type: "keep", page: pathname, assets });
      })
      .catch(() => {
        // Without a service worker the editor still works online and keeps edits in IndexedDB.
      });
    return () => {
      cancelled = true;
    };
  }, [pathname]);
}
