// The service worker (built by vite-plugin-pwa, injectManifest, as a classic script: Firefox runs no
// module service workers): precaches the app shell, and answers the transfer URLs itself
// ([Note: Transfers through the service worker]): streamed downloads and seekable media previews.
// It never caches an /api/ answer or a transfer, and it never reloads a page: [Note: Updates are a prompt].
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { BUILD_INFO_PATH, buildInfoCacheName, buildInfoResponse, dropOtherBuildInfo, keepBuildInfo } from './build-info-cache.js';
import { downloadResponse } from './download-route.js';
import { mediaResponse } from './media-route.js';
import { routeNavigationsToAppShell } from './navigation-route.js';
import { shareTargetListener } from './share-target-route.js';
import type { ServiceWorkerScope } from './sw-scope.js';
import { transferToken } from './transfer-protocol.js';
import { TransferRegistry } from './transfer-registry.js';
import { isSkipWaitingMessage } from './update-protocol.js';

declare let self: ServiceWorkerScope;

/*
 * [Note: Updates are a prompt]
 * The installed version stays until the user says otherwise (DESIGN §2, the web-delivery problem): a
 * new service worker installs and then waits. The page (sw/service-worker-updates.ts) sees it waiting
 * and <vb-update-prompt> offers "A new version is ready — Reload"; only when the user accepts, and no
 * transfer runs (state/transfer-activity.ts), does the page post SKIP_WAITING here, and it reloads once
 * the new worker controls it. The very first install has no version to keep: with no active worker it
 * activates at once, and clients.claim() gives the first page a controller, so transfers can use it.
 */
const transfers = new TransferRegistry();
const precacheList = self.__WB_MANIFEST;
const buildInfoCache = buildInfoCacheName(precacheList);

self.addEventListener('install', (event) => { event.waitUntil(keepBuildInfo(buildInfoCache, precacheList)); });
self.addEventListener('activate', (event) => { event.waitUntil(Promise.all([self.clients.claim(), dropOtherBuildInfo(buildInfoCache)])); });

// SKIP_WAITING from a page whose user accepted the update; transfer registrations; and keep-alive
// messages, which need no answer: receiving one is what keeps us running.
self.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) { void self.skipWaiting(); return; }
  transfers.register(event.data, event.ports);
});

// The share sheet's POST (Web Share Target): the files wait in a cache for the app ([Note: Shared files wait in a cache]).
self.addEventListener('fetch', shareTargetListener(self.location.origin, caches));

// Registered before workbox's own listener, and stops it: a transfer URL is answered here or not at all.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === BUILD_INFO_PATH) { event.stopImmediatePropagation(); event.respondWith(buildInfoResponse(buildInfoCache)); return; }
  const transfer = transferToken(url.pathname);
  if (!transfer) return;
  event.stopImmediatePropagation();
  event.respondWith(transfer.route === 'download'
    ? downloadResponse(transfers, transfer.token)
    : mediaResponse(transfers, transfer.token, event.request));
});

cleanupOutdatedCaches();
precacheAndRoute(precacheList);
routeNavigationsToAppShell();
