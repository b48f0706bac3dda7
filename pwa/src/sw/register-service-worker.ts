// Registers the service worker (sw.ts, built to /sw.js) from the page with workbox-window, and hands
// back its updates (service-worker-updates.ts) for <vb-update-prompt>. The first visit gets a controller
// at once (clients.claim in sw.ts), so transfers can use it; a later version waits for the user
// ([Note: Updates are a prompt] in sw.ts): no reload ever happens from here.
import { Workbox } from 'workbox-window';
import { ServiceWorkerUpdates } from './service-worker-updates.js';

/** Resolves null where there is no service worker (the app still works: transfers take their blob: fallbacks). */
export async function registerServiceWorker(): Promise<ServiceWorkerUpdates | null> {
  if (!('serviceWorker' in navigator)) return null;
  const workbox = new Workbox('/sw.js', { scope: '/' });
  try {
    const registration = await workbox.register();
    return registration ? new ServiceWorkerUpdates(registration, navigator.serviceWorker, () => location.reload()) : null;
  } catch (error) {
    console.warn('The service worker could not be registered:', error);
    return null;
  }
}
