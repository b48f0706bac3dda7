// Test support for the client-core end-to-end tests: a real relay (createApp + @hono/node-server on
// 127.0.0.1, port 0, a temporary data folder, cheap server-side scrypt) and VaultCore instances talking
// to it over real HTTP and WebSockets. No part is mocked.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createApp, defaultConfig, openStores } from '../../relay/src/app.js';
import type { RelayConfig } from '../../relay/src/config.js';
import * as assert from 'uvu/assert';
import { isClientError, MemoryDeviceStore, VaultCore, type VaultCoreOptions, type WebSocketFactory, type WebSocketLike } from '../../worker/src/client/index.js';

export interface TestRelay { baseUrl: string; dataDir: string; close(): Promise<void> }

/** `config` overrides the relay's settings (e.g. a small part size, so multi-part uploads stay cheap). */
export async function startRelay(config: Partial<RelayConfig> = {}): Promise<TestRelay> {
  const dataDir = await mkdtemp(join(tmpdir(), 'veilbox-client-e2e-'));
  const stores = openStores(dataDir);
  const relay = await createApp({
    ...stores,
    config: defaultConfig({
      signup: 'open',
      scrypt: { N: 1 << 10, r: 8, p: 1 },
      rateLimits: {
        loginPerIp: { limit: 1000, windowMs: 60_000 },
        loginFailuresPerAccount: { limit: 1000, windowMs: 60_000 },
        preloginPerIp: { limit: 1000, windowMs: 60_000 },
        signupPerIp: { limit: 1000, windowMs: 60_000 },
        sharePasswordPerIp: { limit: 1000, windowMs: 60_000 },
        pairingClaimPerIp: { limit: 1000, windowMs: 60_000 },
      },
      ...config,
    }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: relay.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  relay.injectWebSocket(server as Parameters<typeof relay.injectWebSocket>[0]);
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    async close() {
      await relay.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.meta.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Node 20 has no global WebSocket: the `ws` package, with the bearer token as the browser would send its cookie. */
export const nodeWebSocket: WebSocketFactory = (url, token) =>
  new WebSocket(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }) as unknown as WebSocketLike;

export function newCore(relay: TestRelay, live = false, extra: Partial<VaultCoreOptions> = {}): VaultCore {
  return new VaultCore({
    baseUrl: relay.baseUrl, sessionMode: 'bearer', deviceStore: new MemoryDeviceStore(), webSocket: live ? nodeWebSocket : null, ...extra,
  });
}

export function randomBytesOf(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  // Deterministic, incompressible-looking bytes (xorshift), so sizes survive DEFLATE as they are.
  const out = new Uint8Array(size);
  let x = seed * 2654435761 >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Fails unless `run` rejects with a ClientError of this kind. */
export async function rejectsWith(kind: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    assert.ok(isClientError(error), `expected a ClientError, got ${String(error)}`);
    assert.is(error.kind, kind, error.message);
    return;
  }
  assert.unreachable(`expected rejection with kind ${kind}`);
}
