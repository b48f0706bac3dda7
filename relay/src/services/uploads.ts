// Resumable uploads, shared by account uploads and anonymous drop uploads: create (size reserved
// against the quota), parts of exactly `partSize` bytes by index streamed to the blob store, list of
// received parts, commit. Nothing is visible as a blob before commit; the sweeper frees stale uploads.
import { HttpError } from '../http/http-error.js';
import { requestBody } from '../http/streams.js';
import type { AppContext, Deps } from '../http/types.js';
import { newId } from '../lib/ids.js';
import type { BlobRecord, PartRecord, UploadRecord } from '../store/meta-records.js';
import { StorageError } from '../store/storage-error.js';
import { blobStoreUnavailable } from '../http/errors.js';

export interface UploadOwner { accountId: string; dropId: string | null; quota: number; dropCap: number | null }

export function uploadView(u: UploadRecord, parts: PartRecord[]) {
  return {
    blobId: u.id,
    size: u.size,
    partSize: u.partSize,
    partCount: u.partCount,
    receivedParts: parts.map((p) => p.index),
    expiresAt: new Date(u.expiresAt).toISOString(),
  };
}

export async function createUpload(deps: Deps, owner: UploadOwner, size: number): Promise<UploadRecord> {
  const { config } = deps;
  if (size > config.maxBlobSize) {
    throw new HttpError(413, 'blob_too_large', `A blob can hold at most ${config.maxBlobSize} bytes.`, { limit: config.maxBlobSize });
  }
  const now = config.now();
  const upload: UploadRecord = {
    id: newId(), accountId: owner.accountId, dropId: owner.dropId, size, partSize: config.partSize,
    partCount: Math.ceil(size / config.partSize), handle: '', createdAt: now, expiresAt: now + config.uploadTtlMs,
  };
  upload.handle = await deps.blobs.beginUpload(upload.id, size);
  const result = await deps.meta.createUpload(upload, { quota: owner.quota, dropCap: owner.dropCap });
  if (result !== 'ok') await deps.blobs.abortUpload(upload.id, upload.handle);
  if (result === 'quota_exceeded') throw new HttpError(507, 'quota_exceeded', 'The account has no room for this upload; delete files or ask the operator for more quota.');
  if (result === 'drop_full') throw new HttpError(507, 'drop_full', 'This drop has no room left for a file of this size.');
  if (result === 'id_taken') throw new HttpError(500, 'internal_error', 'Id collision; retry.');
  return upload;
}

/** The upload if it exists, is not expired and belongs to `owner`; otherwise 404 (others' look missing). */
export async function findUpload(deps: Deps, id: string, owner: { accountId: string; dropId: string | null }): Promise<UploadRecord> {
  const upload = await deps.meta.getUpload(id);
  if (!upload || upload.accountId !== owner.accountId || upload.dropId !== owner.dropId || upload.expiresAt <= deps.config.now()) {
    throw new HttpError(404, 'upload_not_found', 'No such upload (unknown, committed, or expired): start a new one.');
  }
  return upload;
}

export function partLength(u: UploadRecord, index: number): number {
  return index < u.partCount - 1 ? u.partSize : u.size - u.partSize * (u.partCount - 1);
}

export async function putPart(c: AppContext, deps: Deps, upload: UploadRecord, indexText: string): Promise<{ index: number; size: number }> {
  const index = /^\d{1,9}$/.test(indexText) ? Number(indexText) : -1;
  if (index < 0 || index >= upload.partCount) {
    throw new HttpError(400, 'part_out_of_range', `Part index must be from 0 to ${upload.partCount - 1}.`, { partCount: upload.partCount });
  }
  const expected = partLength(upload, index);
  const lengthHeader = c.req.header('content-length');
  if (lengthHeader === undefined) throw new HttpError(411, 'length_required', `Send the part with Content-Length: ${expected}.`);
  if (!/^\d+$/.test(lengthHeader) || Number(lengthHeader) !== expected) {
    throw new HttpError(400, 'part_size_mismatch', `Part ${index} must be exactly ${expected} bytes.`, { expected });
  }
  try {
    const { tag } = await deps.blobs.writePart(upload.id, upload.handle, { index, offset: index * upload.partSize, size: expected }, requestBody(c));
    if (!(await deps.meta.recordPart(upload.id, { index, size: expected, tag }, deps.config.now() + deps.config.uploadTtlMs))) {
      throw new HttpError(404, 'upload_not_found', 'The upload ended while the part arrived; start a new one.');
    }
  } catch (error) {
    if ((error instanceof StorageError && error.kind === 'full') || (error as { code?: unknown }).code === 'SQLITE_FULL') {
      // A full disk also stops the metadata store; cancelling this upload gives its space back at
      // once (file first: deleting the record needs a little space itself). Committed blobs are
      // untouched; the client starts this upload again later.
      await deps.blobs.abortUpload(upload.id, upload.handle).catch(() => undefined);
      await deps.meta.deleteUpload(upload.id).catch(() => undefined);
      throw storageToHttp(new StorageError('full', 'out of space'), expected);
    }
    throw storageToHttp(error, expected);
  }
  return { index, size: expected };
}

export async function commitUpload(deps: Deps, upload: UploadRecord): Promise<BlobRecord> {
  const parts = await deps.meta.listParts(upload.id);
  const have = new Map(parts.map((p) => [p.index, p]));
  const missing: number[] = [];
  for (let i = 0; i < upload.partCount && missing.length < 100; i++) {
    if (have.get(i)?.size !== partLength(upload, i)) missing.push(i);
  }
  if (missing.length > 0) {
    throw new HttpError(409, 'upload_incomplete', 'Some parts are missing; upload them and commit again.', { missingParts: missing });
  }
  try {
    await deps.blobs.completeUpload(upload.id, upload.handle, upload.id, parts.map((p) => ({ index: p.index, tag: p.tag })));
  } catch (error) {
    throw storageToHttp(error, 0);
  }
  const blob = await deps.meta.commitUpload(upload.id, deps.config.now());
  if (!blob) throw new HttpError(404, 'upload_not_found', 'The upload is gone; start a new one.');
  return blob;
}

export async function abortUpload(deps: Deps, upload: UploadRecord): Promise<void> {
  await deps.meta.deleteUpload(upload.id);
  await deps.blobs.abortUpload(upload.id, upload.handle);
}

/** A blob store failure as the client sees it (`expected`: the part length a size mismatch names). */
export function storageToHttp(error: unknown, expected: number): unknown {
  if (!(error instanceof StorageError)) return error;
  switch (error.kind) {
    case 'full': return new HttpError(507, 'storage_full', 'The relay\'s disk is full: this upload was cancelled to free its space (stored files are safe). Start it again later, or tell the operator.');
    case 'size_mismatch': return new HttpError(400, 'part_size_mismatch', `The part body was not exactly ${expected} bytes; nothing was stored.`, { expected });
    case 'aborted': return new HttpError(400, 'part_truncated', 'The part body ended early; nothing was stored. Send the part again.');
    case 'missing': return new HttpError(404, 'upload_not_found', 'The upload is gone; start a new one.');
    case 'unavailable': return blobStoreUnavailable();
  }
}
