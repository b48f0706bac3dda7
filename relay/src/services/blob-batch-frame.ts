// The framing of `POST /blobs/batch` (docs/API.md): a u32 big-endian count N (1…256), N u32
// big-endian sizes (each ≥ 1), then the N blobs' bytes back to back, the whole exactly Content-Length
// bytes. These functions check the header before any blob byte is read, so a bad or oversized batch
// is refused without buffering its body.
import { HttpError, badRequest } from '../http/http-error.js';

export const BATCH_MAX_BLOBS = 256;
const U32 = 4;

/** Bytes of the framing header of a batch of `count` blobs: the count, then one size each. */
export const batchHeaderLength = (count: number) => U32 + U32 * count;

export interface BatchFrame {
  sizes: number[];
  /** Σ sizes: the bytes that follow the header. */
  total: number;
}

/** The blob count from the body's first 4 bytes, checked against the limit and the declared length. */
export function parseBatchCount(first: Uint8Array, contentLength: number): number {
  if (first.length < U32 || contentLength < U32) {
    throw badRequest('invalid_request', 'The body must start with the blob count (4 bytes, big-endian).');
  }
  const count = new DataView(first.buffer, first.byteOffset, first.byteLength).getUint32(0);
  if (count < 1 || count > BATCH_MAX_BLOBS) {
    throw badRequest('invalid_request', `A batch holds 1 to ${BATCH_MAX_BLOBS} blobs; this one announces ${count}.`, { maxBlobs: BATCH_MAX_BLOBS });
  }
  if (contentLength < batchHeaderLength(count)) {
    throw badRequest('invalid_request', `Content-Length is ${contentLength}, shorter than the header of ${count} sizes (${batchHeaderLength(count)} bytes).`);
  }
  return count;
}

/**
 * The whole header (count and sizes): every size ≥ 1, their sum within `limit` (413), and
 * Content-Length exactly header + sum.
 */
export function parseBatchHeader(header: Uint8Array, contentLength: number, limit: number): BatchFrame {
  const count = parseBatchCount(header, contentLength);
  if (header.length !== batchHeaderLength(count)) {
    throw badRequest('invalid_request', `The header of ${count} blobs is ${batchHeaderLength(count)} bytes, not ${header.length}.`);
  }
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const size = view.getUint32(U32 + U32 * i);
    if (size < 1) throw badRequest('invalid_request', `Blob ${i} of the batch has size 0; every blob holds at least 1 byte.`);
    sizes.push(size);
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total > limit) {
    throw new HttpError(413, 'batch_too_large', `The blobs of one batch may hold ${limit} bytes together; these hold ${total}. Send fewer at a time, or larger files through /uploads.`, { limit });
  }
  const expected = batchHeaderLength(count) + total;
  if (contentLength !== expected) {
    throw badRequest('invalid_request', `Content-Length is ${contentLength}, but the header announces ${expected} bytes (4 + 4 × ${count} + ${total}).`, { expected });
  }
  return { sizes, total };
}
