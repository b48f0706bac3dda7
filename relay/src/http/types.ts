// Types shared by every route: the Hono environment (Node bindings + the caller's identity) and the
// dependencies createApp hands to each route module.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { RateLimits } from '../auth/rate-limiter.js';
import type { RelayConfig } from '../config.js';
import type { EventHub } from '../events/event-hub.js';
import type { BlobStore } from '../store/blob-store.js';
import type { MetaStore } from '../store/meta-store.js';

export interface AuthContext {
  accountId: string;
  tokenHash: Buffer;
  /** Set when the caller used a device token. */
  deviceId: string | null;
  via: 'cookie' | 'bearer';
}

export interface AppEnv {
  // Absent under `app.request()` in tests; present under @hono/node-server.
  Bindings: Partial<HttpBindings>;
  Variables: { auth: AuthContext };
}

export type AppContext = Context<AppEnv>;

export interface Deps {
  meta: MetaStore;
  blobs: BlobStore;
  config: RelayConfig;
  limiter: RateLimits;
  events: EventHub;
  /** Security headers for answers written straight to the socket (see streams.ts). */
  responseHeaders: Record<string, string>;
  /** Server secret for fake pre-login salts (kept in the metadata store). */
  preloginSecret: Uint8Array;
}

export function nodeBindings(c: AppContext): Partial<HttpBindings> {
  return (c.env as Partial<HttpBindings> | undefined) ?? {};
}
