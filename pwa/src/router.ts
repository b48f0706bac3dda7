// The one route table: every URL the PWA answers, parsed into a `Route` and formatted back. Secrets
// (share and pairing keys) travel only in the fragment, which `parseRoute` never reads.
import type { NodeId } from './state/vault-client.js';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'login' }
  | { readonly page: 'signup' }
  | { readonly page: 'files'; readonly folderId: NodeId | null }
  | { readonly page: 'trash' }
  | { readonly page: 'settings' }
  | { readonly page: 'devices' }
  | { readonly page: 'shares' }
  | { readonly page: 'sync' }
  | { readonly page: 'share'; readonly shareId: string }
  | { readonly page: 'drop'; readonly dropId: string }
  | { readonly page: 'pair' }
  | { readonly page: 'not-found'; readonly path: string };

/** Ids in paths are opaque url-safe tokens; anything else is not a route. */
const idPattern = '([A-Za-z0-9_-]{1,64})';

const table: readonly { readonly pattern: RegExp; readonly make: (m: RegExpExecArray) => Route }[] = [
  { pattern: /^\/$/, make: () => ({ page: 'home' }) },
  { pattern: /^\/login$/, make: () => ({ page: 'login' }) },
  { pattern: /^\/signup$/, make: () => ({ page: 'signup' }) },
  { pattern: /^\/files$/, make: () => ({ page: 'files', folderId: null }) },
  { pattern: new RegExp(`^/files/${idPattern}$`), make: (m) => ({ page: 'files', folderId: m[1] }) },
  { pattern: /^\/trash$/, make: () => ({ page: 'trash' }) },
  { pattern: /^\/settings$/, make: () => ({ page: 'settings' }) },
  { pattern: /^\/devices$/, make: () => ({ page: 'devices' }) },
  { pattern: /^\/shares$/, make: () => ({ page: 'shares' }) },
  { pattern: /^\/sync$/, make: () => ({ page: 'sync' }) },
  { pattern: new RegExp(`^/s/${idPattern}$`), make: (m) => ({ page: 'share', shareId: m[1] }) },
  { pattern: new RegExp(`^/d/${idPattern}$`), make: (m) => ({ page: 'drop', dropId: m[1] }) },
  { pattern: /^\/pair$/, make: () => ({ page: 'pair' }) },
];

export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const { pattern, make } of table) {
    const m = pattern.exec(path);
    if (m) return make(m);
  }
  return { page: 'not-found', path: pathname };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'home': return '/';
    case 'login': return '/login';
    case 'signup': return '/signup';
    case 'files': return route.folderId ? `/files/${route.folderId}` : '/files';
    case 'trash': return '/trash';
    case 'settings': return '/settings';
    case 'devices': return '/devices';
    case 'shares': return '/shares';
    case 'sync': return '/sync';
    case 'share': return `/s/${route.shareId}`;
    case 'drop': return `/d/${route.dropId}`;
    case 'pair': return '/pair';
    case 'not-found': return route.path;
  }
}

/** Pages that need an unlocked vault; the app sends a signed-out or locked user to /login first. */
export function needsVault(route: Route): boolean {
  return route.page === 'files' || route.page === 'trash' || route.page === 'settings' || route.page === 'devices' || route.page === 'shares' || route.page === 'sync' || route.page === 'home';
}

/**
 * Wraps `history` for the app: one instance, created by <vb-app>. Intercepts same-origin link clicks
 * so `<a href="/files/…">` works without reloads, and reports every change.
 */
export class Router {
  private readonly onPop = () => this.listener(parseRoute(location.pathname));
  constructor(private readonly listener: (route: Route) => void) {}

  start(): Route {
    addEventListener('popstate', this.onPop);
    return parseRoute(location.pathname);
  }

  stop(): void { removeEventListener('popstate', this.onPop); }

  go(route: Route, options: { replace?: boolean } = {}): void {
    const href = routeHref(route);
    if (href !== location.pathname) {
      if (options.replace) history.replaceState(null, '', href); else history.pushState(null, '', href);
    }
    this.listener(route);
  }

  /** For click handlers on anchors: follows in-app links without a reload. Returns true when handled. */
  handleClick(e: MouseEvent): boolean {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
    const a = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return false;
    e.preventDefault();
    this.go(parseRoute(a.pathname));
    return true;
  }
}
