// The few DOM events components send upward to <vb-app> (announce, navigate, report an error), with
// helpers to fire them. They bubble and cross shadow roots, so any element can fire from anywhere.
import type { Route } from '../router.js';

export interface AnnounceDetail { readonly message: string; readonly assertive?: boolean }
export interface NavigateDetail { readonly route: Route; readonly replace?: boolean }
export interface ErrorDetail { readonly error: unknown; /** What was being done, e.g. "Couldn't rename". */ readonly action: string }

declare global {
  interface HTMLElementEventMap {
    'vb-announce': CustomEvent<AnnounceDetail>;
    'vb-navigate': CustomEvent<NavigateDetail>;
    'vb-error': CustomEvent<ErrorDetail>;
  }
}

function fire<T>(from: EventTarget, type: string, detail: T): void {
  from.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** Says something through the app's live region (polite unless `assertive`). */
export const announce = (from: EventTarget, message: string, assertive = false) => fire<AnnounceDetail>(from, 'vb-announce', { message, assertive });
export const navigate = (from: EventTarget, route: Route, replace = false) => fire<NavigateDetail>(from, 'vb-navigate', { route, replace });
/** Shows an error notice in plain words (from describeError) and announces it. */
export const reportError = (from: EventTarget, action: string, error: unknown) => fire<ErrorDetail>(from, 'vb-error', { error, action });
