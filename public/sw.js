// Newsroom offline support: a story page opened once can be reopened without a network, and its
// edits are kept in IndexedDB until the server has them. Pages: network first, cache as fallback.
// Build assets (content-hashed, immutable): cache first.
const PAGES = "newsroom-pages-v1";
const ASSETS = "newsroom-assets-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys())
        if (!keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

function isAsset(url) {
  return (
    url.origin === self.location.origin &&
    url.pathname.startsWith("/_next/static/")
  );
}

function isStoryPage(request, url) {
  return (
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    url.pathname.startsWith("/newsroom/stories/")
  );
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (isAsset(url)) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(request);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok)
          (await caches.open(ASSETS)).put(request, response.clone());
        return response;
      })(),
    );
  } else if (isStoryPage(request, url)) {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok)
            (await caches.open(PAGES)).put(url.pathname, response.clone());
          return response;
        } catch (error) {
          const cached = await caches.match(url.pathname, { cacheName: PAGES });
          if (cached) return cached;
          throw error;
        }
      })(),
    );
  }
});

// The page that registered us was loaded before we existed: it sends its URL and assets to keep.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.assets)) return;
  event.waitUntil(
    (async () => {
      const wanted = new Set(data.assets);
      let page = null;
      if (
        typeof data.page === "string" &&
        data.page.startsWith("/newsroom/stories/")
      ) {
        const response = await fetch(data.page, {
          credentials: "same-origin",
        }).catch(() => null);
        if (response && response.ok) {
          // Whatever the page's HTML loads must be kept too: a page reached by client-side
          // navigation may not have loaded all of it itself.
          const html = await response.clone().text();
          for (const href of html.match(/\/_next\/static\/[^"'\s\\)]+/g) ?? [])
            wanted.add(href);
          page = response;
        }
      }
      const assets = await caches.open(ASSETS);
      for (const href of wanted) {
        if (typeof href !== "string") continue;
        const url = new URL(href, self.location.origin);
        if (isAsset(url) && !(await assets.match(url.href))) {
          const response = await fetch(url.href).catch(() => null);
          if (response && response.ok) await assets.put(url.href, response);
        }
      }
      // Kept last: once the page is in the cache, everything it needs is too.
      if (page) await (await caches.open(PAGES)).put(data.page, page);
    })(),
  );
});
