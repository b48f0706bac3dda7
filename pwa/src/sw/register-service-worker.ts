// Registers the service worker (sw.ts, built to /sw.js) from the page with workbox-window. It takes
// control on the first visit (skipWaiting + clients.claim in sw.ts), so transfers can use it at once.
// No reload on update: the "new version" prompt is its own piece of work, and a reload in the middle
// of a transfer would cut it.
import { Workbox } from 'workbox-window';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  // Without a service worker the app still works: downloads and previews take their blob: fallbacks.
  workbox.register().catch((error: unknown) => console.warn('The service worker could not be registered:', error));
}
