// The S3 blob store on its own: against s3rver (multipart round trip, Range, exact part lengths, missing
// blobs, whole blobs through putBlobs, an unreachable endpoint), and the sweeper's abort path for
// abandoned multipart uploads against a scripted S3 client, because s3rver has neither
// ListMultipartUploads nor AbortMultipartUpload: on s3rver the store lists no uploads and treats the
// refused abort as "left to the bucket's lifecycle rule", which is checked here too.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { sweepOrphans } from '../../relay/src/services/sweeper.js';
import type { MetaStore } from '../../relay/src/store/meta-store.js';
import { S3BlobStore } from '../../relay/src/store/s3-blob-store.js';
import { parseS3Url } from '../../relay/src/store/s3-location.js';
import { StorageError } from '../../relay/src/store/storage-error.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';

let s3: S3Server;
let store: S3BlobStore;
const id = () => randomBytes(16).toString('base64url');

/** Awaits `run` and checks it failed the way `ok` expects (uvu has no async throws). */
async function rejects(run: () => Promise<unknown>, ok: (e: unknown) => boolean): Promise<void> {
  try {
    await run();
  } catch (error) {
    assert.ok(ok(error), `unexpected error: ${String(error)}`);
    return;
  }
  assert.unreachable('it did not fail');
}

async function bytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test.before(async () => {
  s3 = await startS3Server();
  process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
  const admin = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true });
  await admin.send(new CreateBucketCommand({ Bucket: 'unit' }));
  admin.destroy();
  store = new S3BlobStore(parseS3Url(s3.blobsUrl('unit').replace('s3://unit', 's3://unit/some/prefix')));
});

test.after(async () => {
  await store?.close();
  await s3?.stop();
});

test('multipart upload out of order, commit, whole and Range reads, listing, delete', async () => {
  const blobId = id();
  const data = randomBytes(3000);
  const handle = await store.beginUpload(blobId);
  const parts = [];
  for (const index of [2, 0, 1]) {
    const body = data.subarray(index * 1000, (index + 1) * 1000);
    parts.push({ index, ...(await store.writePart(blobId, handle, { index, offset: index * 1000, size: 1000 }, Readable.from([body]))) });
  }
  assert.is(await store.size(blobId), null, 'invisible before the commit');
  await store.completeUpload(blobId, handle, blobId, parts);
  assert.is(await store.size(blobId), 3000);
  assert.ok((await bytes(await store.read(blobId))).equals(data));
  assert.ok((await bytes(await store.read(blobId, { start: 995, end: 1004 }))).equals(data.subarray(995, 1005)));
  const listed: string[] = [];
  for await (const b of store.listBlobIds()) listed.push(b.id);
  assert.ok(listed.includes(blobId));
  // A retried commit (the relay crashed before recording it) finds the blob whole and succeeds.
  await store.completeUpload(blobId, handle, blobId, parts);
  await store.delete(blobId);
  assert.is(await store.size(blobId), null);
  await rejects(() => store.read(blobId), (e: unknown) => e instanceof StorageError && e.kind === 'missing');
  await store.delete(blobId); // deleting twice is fine
});

test('putBlobs: whole blobs as one PutObject each, read back byte-exact, listed; an unreachable bucket is `unavailable`', async () => {
  const blobs = Array.from({ length: 20 }, (_, i) => ({ blobId: id(), bytes: randomBytes(1 + i * 513) }));
  await store.putBlobs(blobs);
  const listed: string[] = [];
  for await (const b of store.listBlobIds()) listed.push(b.id);
  for (const { blobId, bytes: want } of blobs) {
    assert.is(await store.size(blobId), want.length);
    assert.ok((await bytes(await store.read(blobId))).equals(want), `${blobId} byte-exact`);
    assert.ok(listed.includes(blobId));
    await store.delete(blobId);
  }
  const gone = new S3BlobStore(parseS3Url('s3://unit?endpoint=http%3A%2F%2F127.0.0.1%3A9&region=us-east-1'));
  await rejects(() => gone.putBlobs([{ blobId: id(), bytes: randomBytes(10) }]), (e: unknown) => e instanceof StorageError && e.kind === 'unavailable');
  await gone.close();
});

test('a part body shorter or longer than its size fails with size_mismatch, without hanging', async () => {
  const blobId = id();
  const handle = await store.beginUpload(blobId);
  for (const length of [999, 1001]) {
    await rejects(
      () => store.writePart(blobId, handle, { index: 0, offset: 0, size: 1000 }, Readable.from([randomBytes(length)])),
      (e: unknown) => e instanceof StorageError && e.kind === 'size_mismatch',
    );
  }
  const ok = await store.writePart(blobId, handle, { index: 0, offset: 0, size: 1000 }, Readable.from([randomBytes(1000)]));
  assert.match(ok.tag, /^"[0-9a-f]{32}"$/);
});

test('on s3rver: no upload listing and no abort, both tolerated (the lifecycle rule cleans up)', async () => {
  const blobId = id();
  const handle = await store.beginUpload(blobId);
  const uploads: string[] = [];
  for await (const u of store.listUploadIds()) uploads.push(u.id);
  assert.equal(uploads, [], 's3rver answers ListMultipartUploads with NotImplemented');
  await store.abortUpload(blobId, handle); // s3rver answers 405: resolves, the relay's records go anyway
});

test('the sweeper aborts abandoned multipart uploads where the server lists them (scripted S3)', async () => {
  const orphan = id();
  const kept = id();
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const fake = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      sent.push({ name: command.constructor.name, input: command.input });
      if (command.constructor.name === 'ListMultipartUploadsCommand') {
        const old = new Date(Date.now() - 3600_000);
        return { IsTruncated: false, Uploads: [{ Key: `blobs/${orphan}`, UploadId: 'u-orphan', Initiated: old }, { Key: `blobs/${kept}`, UploadId: 'u-kept', Initiated: old }] };
      }
      if (command.constructor.name === 'ListObjectsV2Command') return { IsTruncated: false, Contents: [] };
      return {};
    },
    destroy() {},
  } as unknown as S3Client;
  const scripted = new S3BlobStore(parseS3Url('s3://bucket?region=us-east-1'), fake);
  const meta = { getUpload: async (u: string) => (u === kept ? { id: kept } : null), getBlob: async () => null } as unknown as MetaStore;
  const swept = await sweepOrphans({ meta, blobs: scripted });
  assert.equal(swept, { uploads: 1, blobs: 0 });
  const aborts = sent.filter((c) => c.name === 'AbortMultipartUploadCommand');
  assert.equal(aborts.map((c) => [c.input.Key, c.input.UploadId]), [[`blobs/${orphan}`, 'u-orphan']], 'only the upload with no record, by its UploadId');
});

test('an unreachable endpoint is StorageError unavailable (the routes answer 503)', async () => {
  const gone = new S3BlobStore(parseS3Url('s3://unit?endpoint=http%3A%2F%2F127.0.0.1%3A9&region=us-east-1'));
  try {
    await rejects(() => gone.beginUpload(id()), (e: unknown) => e instanceof StorageError && e.kind === 'unavailable');
    await rejects(() => gone.read(id()), (e: unknown) => e instanceof StorageError && e.kind === 'unavailable');
  } finally {
    await gone.close();
  }
});

test.run();
