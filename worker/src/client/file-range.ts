// Reading part of a file: the plaintext bytes [start, end) of one stored content, written into the
// caller's stream, for media seeking (the page's service worker answers a <video>'s Range requests with
// them, pwa/src/sw/media-route.ts). A blob stored as is is read chunk by chunk: one Range request for
// its head (header, salt, commitment: the key commitment is checked before anything is decrypted), then
// Range requests for only the chunks that cover the wanted bytes (chunk k sits at 8 + 56 + k·16400,
// DESIGN.md §4). A DEFLATE blob has no random access, so it is decrypted from the start and the bytes
// before `start` are dropped; media types are stored as they are (format/compression-policy.ts), so
// that is the rare case (a WAV that shrank).
import { BLOB_HEAD_BYTES, BlobChunkReader, blobChunkIndexOf, blobChunkRange } from '../format/blob-chunks.js';
import { COBBLESTONE_CHUNK_BYTES } from '../format/constants.js';
import { formatErrors } from '../format/format-error.js';
import { decodeBase64url } from './base64url.js';
import { ClientError, toClientError } from './client-error.js';
import { openContent } from './file-download.js';
import type { FileContent } from './node-record.js';
import type { RelayApi } from './relay-api.js';

/** Plaintext bytes from `start` (inclusive) to `end` (exclusive). */
export interface PlainRange { start: number; end: number }

/**
 * Chunks asked for in one relay request: 16 × 16 KiB = 256 KiB of plaintext, a span small next to any
 * video yet large enough that one request per write keeps a player fed. With backpressure from the
 * target, the next span is fetched only when the reader has taken this one.
 */
export const RANGE_CHUNKS_PER_REQUEST = 16;

async function readAll(stream: ReadableStream<Uint8Array>, expected: number): Promise<Uint8Array> {
  const out = new Uint8Array(expected);
  let fill = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (fill + value.length > expected) {
      void reader.cancel().catch(() => undefined);
      throw formatErrors.trailingData(`the relay sent more than the ${expected} bytes asked for`);
    }
    out.set(value, fill);
    fill += value.length;
  }
  if (fill !== expected) throw formatErrors.truncated(`the relay sent ${fill} of the ${expected} bytes asked for`);
  return out;
}

function checkRange(content: FileContent, range: PlainRange, nodeId: string): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > content.size) {
    throw new ClientError('not-found', `The file has ${content.size} bytes; there is no range ${start}–${end}.`, { nodeId });
  }
}

/** Stored as is: only the chunks covering the range, RANGE_CHUNKS_PER_REQUEST per relay request. */
async function writeChunks(api: RelayApi, content: FileContent, range: PlainRange, writer: WritableStreamDefaultWriter<Uint8Array>, signal?: AbortSignal): Promise<void> {
  const blobId = content.blobIds[0];
  const head = await readAll(await api.readBlob(blobId, { range: { start: 0, end: BLOB_HEAD_BYTES - 1 }, signal }), BLOB_HEAD_BYTES);
  const reader = await BlobChunkReader.create(decodeBase64url(content.fileKey), head);
  // The header is bound into the commitment, so this can differ only if the record itself is wrong.
  if (reader.deflated) throw new ClientError('tampered', 'The blob says DEFLATE where its record says stored as is.');
  const last = blobChunkIndexOf(range.end - 1);
  for (let first = blobChunkIndexOf(range.start); first <= last; first += RANGE_CHUNKS_PER_REQUEST) {
    const upTo = Math.min(last, first + RANGE_CHUNKS_PER_REQUEST - 1);
    const from = blobChunkRange(first, content.length).start;
    const to = blobChunkRange(upTo, content.length).end;
    const sealed = await readAll(await api.readBlob(blobId, { range: { start: from, end: to - 1 }, signal }), to - from);
    const indexes = Array.from({ length: upTo - first + 1 }, (_, i) => first + i);
    // Opened concurrently (see [Note: Chunks in flight]), gathered into one write per relay request.
    const plains = await Promise.all(indexes.map((index) => {
      const at = blobChunkRange(index, content.length);
      return reader.openChunk(index, sealed.subarray(at.start - from, at.end - from));
    }));
    const spanStart = Math.max(range.start, first * COBBLESTONE_CHUNK_BYTES);
    const spanEnd = Math.min(range.end, (upTo + 1) * COBBLESTONE_CHUNK_BYTES);
    const out = new Uint8Array(spanEnd - spanStart);
    plains.forEach((plain, i) => {
      const chunkStart = (first + i) * COBBLESTONE_CHUNK_BYTES;
      const a = Math.max(spanStart, chunkStart);
      const b = Math.min(spanEnd, chunkStart + plain.length);
      if (b > a) out.set(plain.subarray(a - chunkStart, b - chunkStart), a - spanStart);
    });
    await writer.write(out);
  }
}

/** DEFLATE: the whole stream from the start, bytes before the range dropped, stopped at its end. */
async function writeFromStart(api: RelayApi, content: FileContent, range: PlainRange, nodeId: string, writer: WritableStreamDefaultWriter<Uint8Array>, signal?: AbortSignal): Promise<void> {
  const reader = (await openContent(api, content, nodeId, signal)).getReader();
  let at = 0;
  try {
    while (at < range.end) {
      const { done, value } = await reader.read();
      if (done) throw formatErrors.truncated(`the file ended at byte ${at}, before ${range.end}`);
      const a = Math.max(range.start, at);
      const b = Math.min(range.end, at + value.length);
      if (b > a) await writer.write(value.slice(a - at, b - at));
      at += value.length;
    }
  } finally {
    // Not awaited, as in readStart (file-download.ts): a cancel can wait on a pending inflate.
    void reader.cancel().catch(() => undefined);
  }
}

/** Writes plaintext bytes [start, end) of `content` into `target`, closing it, or aborting it on any failure. */
export async function copyRange(api: RelayApi, content: FileContent, nodeId: string, range: PlainRange, target: WritableStream<Uint8Array>, signal?: AbortSignal): Promise<void> {
  const writer = target.getWriter();
  try {
    checkRange(content, range, nodeId);
    if (content.blobIds.length !== 1) throw new ClientError('unsupported', 'multi-blob files are not written by this client yet', { nodeId });
    if (range.end > range.start) {
      if (content.deflated) await writeFromStart(api, content, range, nodeId, writer, signal);
      else await writeChunks(api, content, range, writer, signal);
    }
    await writer.close();
  } catch (raw) {
    const error = toClientError(raw, { nodeId });
    await writer.abort(error).catch(() => undefined);
    throw error;
  }
}
