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

interface PushPayload {
  v: 1;
  noticeId: string;
  title: string;
  body: string;
  url: string;
  lang: string;
}

function readPayload(event: PushEvent): PushPayload | null {
  try {
    const data = event.data?.json() as PushPayload | undefined;
    return data && data.v === 1 && typeof data.url === "string" && data.url.startsWith("/") ? data : null;
  } catch {
    return null;
  }
}

// One notification per notice (tag): a repeated push replaces it instead of stacking a second one.
self.addEventListener("push", (event) => {
  const payload = readPayload(event);
  if (!payload) return;
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      tag: `notice-${payload.noticeId}`,
      lang: payload.lang,
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      data: { url: payload.url },
    }),
  );
});

async function openFromNotification(path: string): Promise<void> {
  const target = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (!open) {
    await self.clients.openWindow(target);
    return;
  }
  await open.focus().catch(() => undefined); // needs the click's user activation
  await open.navigate(target);
}

// Opens the notice in a Moa tab already open, else a new one; the page asks for sign-in or step-up.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const done = openFromNotification((event.notification.data as { url?: string } | null)?.url ?? "/");
  try {
    event.waitUntil(done);
  } catch {
    // Only a click dispatched by script (the e2e test: DevTools cannot click a system notification) lands here.
  }
});
