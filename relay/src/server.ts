// Entry point: parses options, opens the data folder, builds the relay and listens (HTTP, or HTTPS
// with --tls-cert/--tls-key), printing the URL. Ends cleanly on SIGINT/SIGTERM.
import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { createApp } from './app.js';
import { USAGE, parseOptions } from './options.js';
import { checkRestart, currentBootId, markCleanStop } from './services/restart-check.js';
import { sweepOrphans } from './services/sweeper.js';
import { closeStores, openConfiguredStores } from './store/open-stores.js';
import { installDriverGuard } from './store/postgres/driver-guard.js';

// [Note: No incremental marking] Measured: with V8's incremental marking, the relay's bursts of
// socket and file buffers turned into ~50 full mark-compacts per GiB transferred and halved upload and
// download throughput (a bare node:http server of the same code path does ~1). The relay's heap is
// small (tens of MiB), so a non-incremental full collection is a pause of a few milliseconds.
setFlagsFromString('--no-incremental-marking');

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (options.meta) installDriverGuard();
  let stores;
  try {
    stores = await openConfiguredStores({ dataDir: options.dataDir, meta: options.meta, blobs: options.blobs });
  } catch (error) {
    // E.g. PostgreSQL refusing the connection or the password: say which store, without the URL (it may hold a password).
    console.error(`The relay could not open its ${options.meta ? 'PostgreSQL database' : 'data folder'}: ${(error as Error).message}`);
    process.exit(1);
  }
  const bootId = currentBootId();
  const forgotten = await checkRestart(stores, bootId);
  if (forgotten > 0) console.log(`The machine restarted without a clean stop: ${forgotten} received upload parts will be sent again by their clients.`);
  const relay = await createApp({ ...stores, config: options.config });
  const swept = await sweepOrphans(stores);
  if (swept.uploads + swept.blobs > 0) console.log(`Removed ${swept.uploads} abandoned upload files and ${swept.blobs} unreferenced blob files.`);
  await relay.sweep();

  const tls = options.tls;
  const server = serve({
    fetch: relay.app.fetch,
    port: options.port,
    hostname: options.host,
    ...(tls ? { createServer: createHttpsServer, serverOptions: { cert: readFileSync(tls.cert), key: readFileSync(tls.key) } } : {}),
  }, (info: AddressInfo) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(`Veilbox relay listening on ${tls ? 'https' : 'http'}://${host}:${info.port}`);
    const where = `${options.meta ? 'metadata: PostgreSQL' : `data: ${options.dataDir}`}${options.blobs ? '   blobs: S3' : ''}`;
    console.log(`  ${where}   sign-up: ${options.config.signup === 'open' ? 'open' : 'invite-only'}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE'
      ? `Port ${options.port} on ${options.host} is in use; pick another with --port.`
      : `The relay could not listen: ${error.message}`);
    process.exit(1);
  });
  relay.injectWebSocket(server as Parameters<typeof relay.injectWebSocket>[0]);
  // Parts are 8 MiB; a slow phone needs more than Node's default 5-minute request timeout allows.
  // Idle keep-alive connections stay longer than Node's 5 s, so clients between steps (and proxies
  // with the common 60 s idle timeout) rarely race a server-side close.
  const timeouts = server as { requestTimeout?: number; keepAliveTimeout?: number; headersTimeout?: number };
  timeouts.requestTimeout = 30 * 60_000;
  timeouts.keepAliveTimeout = 65_000;
  timeouts.headersTimeout = 66_000;

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void relay.close().then(() => {
      server.close(() => void markCleanStop(stores, bootId).then(() => closeStores(stores)).then(() => process.exit(0)));
      // Keep-alive connections may hold close() open; after 3 s stop anyway (still cleanly).
      setTimeout(() => void markCleanStop(stores, bootId).finally(() => process.exit(0)), 3000).unref();
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
