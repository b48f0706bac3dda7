// Page loads of any app route (/, /folder/…, /s/…, /settings…) answered with the precached app shell,
// so a reload or a deep link opens with no network: the app then unlocks from what this device kept.
// Transfer URLs, the share target and the relay's API are never navigations to the shell.
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

const NOT_THE_APP = [/^\/api\//, /^\/download\//, /^\/media\//, /^\/share-target/];

/** Call after precacheAndRoute: the shell must already be in the precache manifest. */
export function routeNavigationsToAppShell(): void {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NOT_THE_APP }));
}
