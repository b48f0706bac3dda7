// Faults against the real relay: SIGKILL in the middle of an upload (after a restart no partial blob
// is visible and the upload resumes from the parts received), and a full disk (a tiny tmpfs where the
// machine allows mounting one; otherwise an in-process blob store that fails with ENOSPC mid-write):
// a clear 507 storage_full, and nothing already stored is lost.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as local from '../../relay/src/test-support/fixture.js';
import type { BlobStore } from '../../relay/src/store/blob-store.js';
import { asStorageError } from '../../relay/src/store/storage-error.js';
import { client, errorCode, json, putParts, sendParts, signUp, uploadBlob, type Call } from './support/http-client.js';
import { truncatedRequest } from './support/raw-http.js';
import { startRelay } from './support/relay-process.js';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const filesUnder = (dir: string) => {
  try { return readdirSync(dir, { recursive: true }).map(String); } catch { return []; }
};

test('SIGKILL mid-upload: no partial blob after restart; the upload resumes from the parts received', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-kill-'));
  let relay = await startRelay(dir);
  try {
  let call = client(relay.url);
  const { token, name, authKey } = await signUp(call, 'alice');
  const data = randomBytes(2 * PART + 123_456);
  const upload = await sendParts(call, token, data, [0, 1]);
  // Part 2 is on the wire, half sent, when the relay dies.
  const inFlight = truncatedRequest(relay.port, `PUT /api/v1/uploads/${upload.blobId}/parts/2 HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Length: ${data.length - 2 * PART}\n`, data.subarray(2 * PART, 2 * PART + 60_000));
  await new Promise((r) => setTimeout(r, 100));
  await relay.kill();
  await inFlight;

  relay = await startRelay(dir);
  call = client(relay.url);
  assert.is(await errorCode(await call('GET', `/api/v1/blobs/${upload.blobId}`, { token })), 'blob_not_found');
  assert.equal((await json<{ blobs: unknown[] }>(await call('GET', '/api/v1/blobs', { token }), 200)).blobs, []);
  assert.not.ok(filesUnder(join(dir, 'blobs')).some((f) => f.endsWith(upload.blobId)), 'no blob file');
  const status = await json<{ receivedParts: number[] }>(await call('GET', `/api/v1/uploads/${upload.blobId}`, { token }), 200);
  assert.equal(status.receivedParts, [0, 1], 'parts 0 and 1 survived, the cut part 2 did not count');
  const early = await call('POST', `/api/v1/uploads/${upload.blobId}/commit`, { token });
  assert.is(await errorCode(early), 'upload_incomplete');

  await putParts(call, token, upload, data, [2]);
  await json(await call('POST', `/api/v1/uploads/${upload.blobId}/commit`, { token }), 201);
  const back = Buffer.from(await (await call('GET', `/api/v1/blobs/${upload.blobId}`, { token })).arrayBuffer());
  assert.is(sha(back), sha(data), 'the resumed blob is exactly the data');
  assert.is((await call('POST', '/api/v1/auth/login', { json: { name, authKey: authKey.toString('base64url') } })).status, 200);
  } finally {
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Fills the disk with uploads until the relay says storage_full; checks nothing stored was lost. */
async function fillTheDisk(call: Call, token: string, uploadsDir: string | null) {
  const kept = randomBytes(3 * MiB);
  const keptId = await uploadBlob(call, token, kept);
  const big = randomBytes(64 * MiB);
  const u = await json<{ blobId: string; partCount: number; partSize: number }>(await call('POST', '/api/v1/uploads', { token, json: { size: big.length } }), 201);
  let refused: Response | null = null;
  for (let i = 0; i < u.partCount && !refused; i++) {
    const part = big.subarray(i * u.partSize, (i + 1) * u.partSize);
    const res = await call('PUT', `/api/v1/uploads/${u.blobId}/parts/${i}`, { token, body: part });
    if (res.status !== 200) refused = res;
  }
  assert.ok(refused, 'the disk filled up');
  assert.is(refused!.status, 507);
  const body = (await refused!.json()) as { error: { code: string; message: string } };
  assert.is(body.error.code, 'storage_full');
  assert.match(body.error.message, /full/);
  assert.is(await errorCode(await call('GET', `/api/v1/uploads/${u.blobId}`, { token })), 'upload_not_found', 'the upload was cancelled to free its space');
  if (uploadsDir) assert.not.ok(readdirSync(uploadsDir).includes(u.blobId));
  const back = Buffer.from(await (await call('GET', `/api/v1/blobs/${keptId}`, { token })).arrayBuffer());
  assert.is(sha(back), sha(kept), 'the stored blob is intact');
  const again = await uploadBlob(call, token, randomBytes(MiB));
  assert.type(again, 'string', 'with the space back, uploads work again');
}

/** VEILBOX_TEST_NO_MOUNT=1 forces the in-process fallback (to check it on a machine that can mount). */
function tryMountTmpfs(dir: string, size: string): boolean {
  if (process.env.VEILBOX_TEST_NO_MOUNT === '1') return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Blob store with a byte budget: writes past it fail with ENOSPC mid-part, like a small disk. */
function smallDisk(inner: BlobStore, capacity: number): BlobStore {
  let used = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'writePart') {
        return async (id: string, handle: string, part: { index: number; offset: number; size: number }, body: Readable) => {
          if (used + part.size <= capacity) {
            used += part.size;
            return target.writePart(id, handle, part, body);
          }
          for await (const chunk of body) {
            used += (chunk as Buffer).length;
            if (used > capacity) break;
          }
          throw asStorageError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        };
      }
      if (prop === 'abortUpload') {
        return async (id: string, handle: string) => { used = 4 * MiB; return target.abortUpload(id, handle); };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

test('disk full: 507 storage_full, nothing stored lost, uploads work again once space is back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-full-'));
  const mountPoint = join(dir, 'mnt');
  mkdirSync(mountPoint);
  if (tryMountTmpfs(mountPoint, '28m')) {
    try {
      const relay = await startRelay(mountPoint);
      try {
        const call = client(relay.url);
        const { token } = await signUp(call, 'alice');
        await fillTheDisk(call, token, join(mountPoint, 'uploads'));
      } finally {
        await relay.stop();
      }
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  } else {
    console.log('  (tmpfs mount not allowed here: using an in-process blob store that fails with ENOSPC)');
    const f = await local.makeFixture({ partSize: PART }, (b) => smallDisk(b, 24 * MiB));
    const alice = await local.signUp(f, 'alice');
    const call: Call = (method, path, init = {}) => f.call(method, path, {
      as: alice, json: init.json, headers: { ...init.headers, ...(init.body ? { 'content-length': String(init.body.length) } : {}) }, body: init.body,
    });
    await fillTheDisk(call, alice.token, join(f.dir, 'uploads'));
    await f.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

test.run();
