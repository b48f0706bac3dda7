// Unit tests of node-http-fetch.ts against a local node:http server: bodies arrive whole with their
// length, JSON and streamed answers read back, headers both ways; an abort, a refused connection, a
// silent server and an impossible status reject (RelayApi turns those into its network error).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeHttpFetch } from './node-http-fetch.js';

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function withServer(run: (base: string) => Promise<void>): Promise<void> {
  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    if (req.url === '/echo') {
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen': 'yes' });
      res.end(JSON.stringify({ method: req.method, length: req.headers['content-length'], auth: req.headers.authorization, bytes: [...body] }));
    } else if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 4; i++) res.write(Buffer.alloc(100_000, i));
      res.end();
    } else if (req.url === '/empty') {
      res.writeHead(204).end();
    } else if (req.url === '/reset-content') {
      res.writeHead(205).end();
    } else if (req.url === '/odd') {
      res.writeHead(699, { 'content-type': 'application/json' }).end('{}');
    } else {
      setTimeout(() => res.writeHead(200).end('late'), 2000);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('a byte body goes with its length; a JSON answer comes back with status and headers', async () => {
  await withServer(async (base) => {
    const fetch = nodeHttpFetch();
    const res = await fetch(`${base}/echo`, { method: 'POST', body: new Uint8Array([1, 2, 3]), headers: { authorization: 'Bearer t' } });
    assert.is(res.status, 201);
    assert.is(res.headers.get('x-seen'), 'yes');
    assert.equal(await res.json(), { method: 'POST', length: '3', auth: 'Bearer t', bytes: [1, 2, 3] });
    const text = await fetch(`${base}/echo`, { method: 'PUT', body: 'ünïcode' });
    assert.is((await text.json() as { length: string }).length, String(Buffer.byteLength('ünïcode')));
    const blob = await fetch(`${base}/echo`, { method: 'PUT', body: new Blob([new Uint8Array([9, 8])]) });
    assert.equal((await blob.json() as { bytes: number[] }).bytes, [9, 8]);
    assert.is((await fetch(`${base}/empty`)).status, 204);
  });
});

test('a binary answer streams whole', async () => {
  await withServer(async (base) => {
    const res = await nodeHttpFetch()(`${base}/stream`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.is(bytes.length, 400_000);
    assert.is(bytes[399_999], 3);
  });
});

test('a 205 has no body; a status no Response can carry, and a silent relay, reject instead of hanging', async () => {
  await withServer(async (base) => {
    const fetch = nodeHttpFetch({ idleTimeoutMs: 200 });
    assert.is((await fetch(`${base}/reset-content`)).status, 205);
    await fetch(`${base}/odd`).then(() => assert.unreachable('odd status'), (error: Error) => assert.match(error.message, /699/));
    await fetch(`${base}/slow`).then(() => assert.unreachable('silent'), (error: Error) => assert.match(error.message, /no answer/));
  });
});

test('an abort and a refused connection reject', async () => {
  await withServer(async (base) => {
    const controller = new AbortController();
    const pending = nodeHttpFetch()(`${base}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await pending.then(() => assert.unreachable('aborted'), (error: Error) => assert.match(error.message, /stop/));
  });
  await nodeHttpFetch()('http://127.0.0.1:1/').then(() => assert.unreachable('refused'), (error: Error) => assert.match(error.message, /ECONNREFUSED/));
});

test.run();
