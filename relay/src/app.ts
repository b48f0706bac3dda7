// Builds one relay: a Hono app wired to the given stores and config, plus its WebSocket hook, live
// events, heartbeat and sweeper timers. No module-level state: every call makes an independent relay
// (tests build a fresh one per case). server.ts only parses options, opens stores and listens.
import { createNodeWebSocket } from '@hono/node-ws';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import { Hono } from 'hono';
import { RateLimiter } from './auth/rate-limiter.js';
import { PgEventBus } from './store/postgres/event-bus.js';
import { PgRateLimits } from './store/postgres/rate-limits.js';
import { isPostgresMetaStore } from './store/postgres-meta-store.js';
import type { RelayConfig } from './config.js';
import { EventHub } from './events/event-hub.js';
import { onError, onNotFound } from './http/errors.js';
import { securityHeaders, securityHeadersMiddleware } from './http/security-headers.js';
import { serveStatic } from './http/static-files.js';
import type { AppEnv, Deps } from './http/types.js';
import { accountRoutes } from './routes/account.js';
import { authRoutes } from './routes/auth.js';
import { blobRoutes } from './routes/blobs.js';
import { deviceRoutes } from './routes/devices.js';
import { dropRoutes } from './routes/drops.js';
import { eventRoutes } from './routes/events.js';
import { nodeRoutes } from './routes/nodes.js';
import { pairingRoutes } from './routes/pairings.js';
import { publicDropRoutes } from './routes/public-drops.js';
import { publicShareRoutes } from './routes/public-shares.js';
import { shareRoutes } from './routes/shares.js';
import { periodicSweep, sweep } from './services/sweeper.js';
import type { BlobStore } from './store/blob-store.js';
import type { MetaStore } from './store/meta-store.js';

export type { RelayConfig } from './config.js';
export { defaultConfig } from './config.js';
export { openStores } from './store/open-stores.js';

export interface RelayDeps {
  meta: MetaStore;
  blobs: BlobStore;
  config: RelayConfig;
}

export interface Relay {
  app: Hono<AppEnv>;
  /** Lets a listening server accept `/api/v1/events` WebSocket upgrades. */
  injectWebSocket(server: Server | Http2Server | Http2SecureServer): void;
  events: EventHub;
  /** One cleanup round now (also runs every `config.sweepIntervalMs`). */
  sweep(): Promise<void>;
  /** Stops timers and closes sockets. The stores belong to the caller, who closes them. */
  close(): Promise<void>;
}

export const API_PREFIX = '/api/v1';

export async function createApp({ meta, blobs, config }: RelayDeps): Promise<Relay> {
  // On PostgreSQL, instances share rate limits and live events through the database, so several of
  // them behind one address behave as one relay (sessions and quotas are shared rows already).
  const shared = isPostgresMetaStore(meta) ? { bus: new PgEventBus(meta.sql, meta.url), limiter: new PgRateLimits(meta.sql, config.now) } : null;
  const events = new EventHub(shared?.bus ?? null);
  await shared?.bus.start((message) => events.deliver(message));
  const deps: Deps = {
    meta, blobs, config,
    limiter: shared?.limiter ?? new RateLimiter(config.now),
    events,
    responseHeaders: securityHeaders(config.secureCookies),
    preloginSecret: await meta.secret('prelogin', () => randomBytes(32)),
  };
  const app = new Hono<AppEnv>();
  const nodeWs = createNodeWebSocket({ app });

  app.use('*', securityHeadersMiddleware(config.secureCookies));
  app.onError(onError);
  app.notFound(onNotFound);

  for (const routes of [
    authRoutes(deps), accountRoutes(deps), deviceRoutes(deps), pairingRoutes(deps), blobRoutes(deps),
    nodeRoutes(deps), shareRoutes(deps), publicShareRoutes(deps), dropRoutes(deps), publicDropRoutes(deps),
    eventRoutes(deps, nodeWs.upgradeWebSocket),
  ]) {
    app.route(API_PREFIX, routes);
  }
  app.all(`${API_PREFIX}/*`, onNotFound);
  app.get('*', (c) => serveStatic(c, config.staticDir, deps.responseHeaders));

  const sweeper = setInterval(() => void periodicSweep(deps).catch((e: unknown) => console.error(`relay: sweep failed: ${(e as Error).name}`)), config.sweepIntervalMs);
  const heartbeat = setInterval(() => deps.events.heartbeat(), config.heartbeatMs);
  sweeper.unref();
  heartbeat.unref();

  return {
    app,
    injectWebSocket: (server) => nodeWs.injectWebSocket(server),
    events: deps.events,
    sweep: () => sweep(deps),
    async close() {
      clearInterval(sweeper);
      clearInterval(heartbeat);
      deps.events.closeAll();
      nodeWs.wss.close();
      await shared?.bus.close();
    },
  };
}
