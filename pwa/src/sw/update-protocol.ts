// The one message of the update flow ([Note: Updates are a prompt] in sw.ts): the page asks a waiting
// service worker to take over. The same shape workbox-window's messageSkipWaiting() sends.
export const SKIP_WAITING = 'SKIP_WAITING';

export interface SkipWaitingMessage { readonly type: typeof SKIP_WAITING }

export function isSkipWaitingMessage(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === SKIP_WAITING;
}
