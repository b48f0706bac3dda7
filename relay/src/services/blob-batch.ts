// `POST /blobs/batch`: up to 256 small blobs of one account in one request, all or none. The header
// is checked first (blob-batch-frame.ts), then the bytes (at most one part) are read and stored whole
// (the store's putBlobs: one pack file on disk, [Note: Packed blobs]; one object per blob on S3; else
// begin / write / complete per blob, concurrently), and only then do their rows appear, in one
// transaction that checks the quota. A crash after the bytes and before the rows leaves blobs with no
// row: the startup orphan sweep (sweeper.ts sweepOrphans) deletes those once they are ten minutes old.
import { Readable } from 'node:stream';
import { HttpError } from '../http/http-error.js';
import { ExactReader } from '../http/exact-reader.js';
import { requestBody } from '../http/streams.js';
import type { AppContext, Deps } from '../http/types.js';
import { newBatchIds } from '../lib/ids.js';
import type { BlobStore } from '../store/blob-store.js';
import type { AccountRecord, BlobRecord } from '../store/meta-records.js';
import { type BatchFrame, batchHeaderLength, parseBatchCount, parseBatchHeader } from './blob-batch-frame.js';
import { storageToHttp } from './uploads.js';

/*
 * [Note: Answering before the body is read]
 * A batch refused from its header alone (too large for this relay) is answered while the client is
 * still sending. If the relay answered and closed at once, the client would meet a reset connection
 * instead of the answer, and could not tell "too large, send these another way" (small-blobs.ts falls
 * back to resumable uploads on 413) from a network failure. So up to this many bytes are read and
 * dropped first; a bigger body is cut off as before.
 */
const SKIP_BEFORE_ANSWER_MAX = 32 * 1024 * 1024;

const truncated = () => new HttpError(400, 'part_truncated', 'The batch body ended early; nothing was stored. Send the batch again.');
const quotaExceeded = () => new HttpError(507, 'quota_exceeded', 'The account has no room for these files; delete files or ask the operator for more quota.');

export async function storeBlobBatch(c: AppContext, deps: Deps, account: Pick<AccountRecord, 'id' | 'quota'>): Promise<BlobRecord[]> {
  if (!/^application\/octet-stream\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the batch as application/octet-stream.');
  }
  const lengthHeader = c.req.header('content-length');
  if (lengthHeader === undefined) throw new HttpError(411, 'length_required', 'Send the batch with a Content-Length header.');
  if (!/^\d{1,15}$/.test(lengthHeader)) throw new HttpError(400, 'invalid_request', 'Content-Length must be a number of bytes.');
  const reader = new ExactReader(requestBody(c));
  const { frame, bytes } = await readBatch(reader, Number(lengthHeader), deps.config.partSize).catch(async (error: unknown) => {
    if (error instanceof HttpError) await reader.skipRest(SKIP_BEFORE_ANSWER_MAX).catch(() => false);
    throw error;
  });

  // Refused early while nothing is written; insertBlobs checks again, atomically, at the end.
  if ((await deps.meta.usage(account.id)) + frame.total > account.quota) throw quotaExceeded();
  const now = deps.config.now();
  const ids = newBatchIds(frame.sizes.length);
  const blobs: BlobRecord[] = frame.sizes.map((size, i) => ({ id: ids[i], accountId: account.id, dropId: null, size, createdAt: now }));
  const pieces: Buffer[] = [];
  for (let i = 0, offset = 0; i < blobs.length; offset += blobs[i].size, i++) pieces.push(bytes.subarray(offset, offset + blobs[i].size));

  const removeAll = () => Promise.all(blobs.map((b) => deps.blobs.delete(b.id).catch(() => undefined)));
  try {
    await writeBlobs(deps.blobs, blobs, pieces);
  } catch (error) {
    await removeAll();
    throw storageToHttp(error, 0);
  }
  let result: Awaited<ReturnType<Deps['meta']['insertBlobs']>>;
  try {
    result = await deps.meta.insertBlobs(account.id, blobs, account.quota);
  } catch (error) {
    await removeAll();
    throw error;
  }
  if (result !== 'ok') await removeAll();
  if (result === 'quota_exceeded') throw quotaExceeded();
  if (result === 'no_account') throw new HttpError(401, 'unauthenticated', 'The account is gone.');
  if (result === 'id_taken') throw new HttpError(500, 'internal_error', 'Id collision; retry.');
  return blobs;
}

/** The header, then exactly the bytes it announces; a body that ends early stores nothing. */
async function readBatch(reader: ExactReader, contentLength: number, limit: number): Promise<{ frame: BatchFrame; bytes: Buffer }> {
  try {
    const first = await reader.read(4);
    if (!first) throw truncated();
    const count = parseBatchCount(first, contentLength);
    const sizes = await reader.read(batchHeaderLength(count) - 4);
    if (!sizes) throw truncated();
    const frame = parseBatchHeader(Buffer.concat([first, sizes]), contentLength, limit);
    const bytes = await reader.read(frame.total);
    if (!bytes) throw truncated();
    if (!(await reader.atEnd())) throw new HttpError(400, 'invalid_request', `The body is longer than its Content-Length (${contentLength}).`);
    return { frame, bytes };
  } catch (error) {
    // A request stream that fails is a client that went away mid-body.
    if (error instanceof HttpError) throw error;
    throw truncated();
  }
}

/** Every blob durably stored, or a rejection once no write is running (some may be stored). */
async function writeBlobs(store: BlobStore, blobs: BlobRecord[], pieces: Buffer[]): Promise<void> {
  if (store.putBlobs) return store.putBlobs(blobs.map((blob, i) => ({ blobId: blob.id, bytes: pieces[i] })));
  const written = await Promise.allSettled(blobs.map((blob, i) => writeBlob(store, blob, pieces[i])));
  const failed = written.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** One blob through the store's multipart interface (a single part), its upload ended if it fails. */
async function writeBlob(store: BlobStore, blob: BlobRecord, bytes: Buffer): Promise<void> {
  const handle = await store.beginUpload(blob.id, blob.size);
  try {
    const { tag } = await store.writePart(blob.id, handle, { index: 0, offset: 0, size: blob.size }, Readable.from([bytes], { objectMode: false }));
    await store.completeUpload(blob.id, handle, blob.id, [{ index: 0, tag }]);
  } catch (error) {
    await store.abortUpload(blob.id, handle).catch(() => undefined);
    throw error;
  }
}
