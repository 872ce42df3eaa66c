/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkOnly, StaleWhileRevalidate } from "workbox-strategies";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const LOCALES = ["ko", "en", "ja", "zh", "th", "vi"];

precacheAndRoute(self.__WB_MANIFEST);
clientsClaim();

// Pages always come from the network; offline, the catch handler below answers.
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());

// Font subsets are many and immutable: cache each on first use.
registerRoute(
  ({ url }) => url.pathname.startsWith("/_next/static/media/"),
  new CacheFirst({ cacheName: "moa-fonts", plugins: [new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 60 * 60 * 24 * 365 })] }),
);
registerRoute(({ url }) => url.pathname.startsWith("/icons/"), new StaleWhileRevalidate({ cacheName: "moa-icons" }));

/** The offline page in the language of the page that failed, else Korean. */
export function offlinePageFor(url: string): string {
  const first = new URL(url).pathname.split("/")[1];
  return `/${LOCALES.includes(first) ? first : "ko"}/offline`;
}

setCatchHandler(async ({ request }) => {
  if (request.destination === "document" || request.mode === "navigate") {
    const page = await matchPrecache(offlinePageFor(request.url));
    if (page) return page;
  }
  return Response.error();
});

self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
});
