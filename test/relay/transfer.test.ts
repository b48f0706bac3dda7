// Blob transfer through the real relay (bodies streamed straight between socket and disk): a multi-part
// upload with several parts in flight, whole and ranged downloads, HEAD, 416, and a client that
// hangs up mid-download without harming the relay.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { client, errorCode, signUp, uploadBlob } from './support/http-client.js';
import { startRelay } from './support/relay-process.js';

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('upload 20 MiB in parts, read it back whole, by ranges and by HEAD', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-xfer-'));
  const relay = await startRelay(dir);
  try {
    const call = client(relay.url);
    const { token } = await signUp(call, 'alice');
    const data = randomBytes(20 * MiB + 17);
    const blobId = await uploadBlob(call, token, data);

    const whole = await call('GET', `/api/v1/blobs/${blobId}`, { token });
    assert.is(whole.status, 200);
    assert.is(whole.headers.get('content-length'), String(data.length));
    assert.is(whole.headers.get('content-security-policy')?.startsWith("default-src 'none'"), true, 'security headers on streamed answers');
    assert.is(sha(Buffer.from(await whole.arrayBuffer())), sha(data));

    const across = await call('GET', `/api/v1/blobs/${blobId}`, { token, headers: { range: `bytes=${8 * MiB - 5}-${8 * MiB + 4}` } });
    assert.is(across.status, 206);
    assert.is(across.headers.get('content-range'), `bytes ${8 * MiB - 5}-${8 * MiB + 4}/${data.length}`);
    assert.ok(Buffer.from(await across.arrayBuffer()).equals(data.subarray(8 * MiB - 5, 8 * MiB + 5)), 'a range across the part boundary');
    const tail = await call('GET', `/api/v1/blobs/${blobId}`, { token, headers: { range: 'bytes=-17' } });
    assert.ok(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(data.length - 17)));
    const bad = await call('GET', `/api/v1/blobs/${blobId}`, { token, headers: { range: `bytes=${data.length}-` } });
    assert.is(bad.status, 416);
    assert.is(await errorCode(bad), 'range_not_satisfiable');

    const head = await call('HEAD', `/api/v1/blobs/${blobId}`, { token });
    assert.is(head.status, 200);
    assert.is(head.headers.get('content-length'), String(data.length));
    assert.is((await head.arrayBuffer()).byteLength, 0);

    // Hang up after the first bytes of a download.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${relay.url}/api/v1/blobs/${blobId}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.once('data', () => { req.destroy(); resolve(); });
      });
      req.on('error', (e) => (req.destroyed ? resolve() : reject(e)));
      req.end();
    });
    const after = await call('GET', `/api/v1/blobs/${blobId}`, { token, headers: { range: 'bytes=0-9' } });
    assert.ok(Buffer.from(await after.arrayBuffer()).equals(data.subarray(0, 10)), 'the relay carries on');
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
