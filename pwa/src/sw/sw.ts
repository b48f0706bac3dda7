// The service worker (built by vite-plugin-pwa, injectManifest, as a classic script: Firefox runs no
// module service workers): precaches the app shell, and answers the transfer URLs itself
// ([Note: Transfers through the service worker]): streamed downloads and seekable media previews.
// It never caches an /api/ answer or a transfer, and it never reloads a page (updates are a prompt).
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { downloadResponse } from './download-route.js';
import { mediaResponse } from './media-route.js';
import { routeNavigationsToAppShell } from './navigation-route.js';
import { shareTargetListener } from './share-target-route.js';
import type { ServiceWorkerScope } from './sw-scope.js';
import { transferToken } from './transfer-protocol.js';
import { TransferRegistry } from './transfer-registry.js';

declare let self: ServiceWorkerScope;

const transfers = new TransferRegistry();

// Take over at once, so the first visit already has a controller for transfers; this changes which
// worker answers requests, never reloads a page.
self.addEventListener('install', () => { void self.skipWaiting(); });
self.addEventListener('activate', (event) => { event.waitUntil(self.clients.claim()); });

// Registrations, and keep-alive messages, which need no answer: receiving one is what keeps us running.
self.addEventListener('message', (event) => { transfers.register(event.data, event.ports); });

// The share sheet's POST (Web Share Target): the files wait in a cache for the app ([Note: Shared files wait in a cache]).
self.addEventListener('fetch', shareTargetListener(self.location.origin, caches));

// Registered before workbox's own listener, and stops it: a transfer URL is answered here or not at all.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  const transfer = transferToken(url.pathname);
  if (!transfer) return;
  event.stopImmediatePropagation();
  event.respondWith(transfer.route === 'download'
    ? downloadResponse(transfers, transfer.token)
    : mediaResponse(transfers, transfer.token, event.request));
});

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
routeNavigationsToAppShell();
