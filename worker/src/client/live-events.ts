// The live-event socket (`/api/v1/events`, DESIGN.md §6): it carries only "revision advanced" notices,
// on which the caller pulls the change log. Reconnects with backoff while started. The WebSocket
// constructor is injected: the browser's own (same-origin, the session cookie goes with it), or in
// Node 20 (which has no global WebSocket) one built on a package the host brings, with the bearer token.

/** The part of a WebSocket this file uses (the browser's and the `ws` package's both fit). */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to `url`; `token` is the bearer token when the session has one (Node, devices). */
export type WebSocketFactory = (url: string, token: string | null) => WebSocketLike;

export const browserWebSocket: WebSocketFactory = (url) => new WebSocket(url) as unknown as WebSocketLike;

/** Close code the relay uses when the credentials stopped working (relay/src/events/event-hub.ts). */
const CLOSE_UNAUTHORIZED = 4401;
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10000, 30000];

export interface LiveEventHandlers {
  onRevision(revision: number): void;
  onConnection(online: boolean): void;
  onUnauthorized(): void;
}

export class LiveEvents {
  private socket: WebSocketLike | null = null;
  private stopped = true;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly url: string, private readonly token: () => string | null, private readonly factory: WebSocketFactory, private readonly handlers: LiveEventHandlers) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client stopped');
  }

  private connect(): void {
    let socket: WebSocketLike;
    try {
      socket = this.factory(this.url, this.token());
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.handlers.onConnection(true);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = JSON.parse(event.data) as { type?: unknown; revision?: unknown };
        if (message.type === 'revision' && typeof message.revision === 'number') this.handlers.onRevision(message.revision);
      } catch {
        // Not ours to interpret; the socket carries nothing else the client needs.
      }
    };
    socket.onerror = () => undefined;
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.handlers.onConnection(false);
      if (event.code === CLOSE_UNAUTHORIZED) {
        this.stopped = true;
        this.handlers.onUnauthorized();
        return;
      }
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures++, RECONNECT_DELAYS_MS.length - 1)];
    this.timer = setTimeout(() => { this.timer = null; if (!this.stopped) this.connect(); }, delay);
  }
}

/** `http://host/…` → `ws://host/api/v1/events`; '' (same origin in a browser) → from `location`. */
export function eventsUrl(baseUrl: string, apiUrl: (path: string) => string): string {
  const absolute = baseUrl === '' ? new URL(apiUrl('/events'), (globalThis as { location?: { href: string } }).location?.href).href : apiUrl('/events');
  return absolute.replace(/^http/, 'ws');
}
