// Reading a file back: GET the blob as a stream → openStream (only authenticated chunks come out) →
// the caller's sink. A blob that fails to open is `tampered`; a whole-file result (Blob, bytes for a
// preview) is handed over only after the last chunk verified, and a streamed target is aborted, not
// closed, so a partial file is never presented as complete.
import { openStream } from '../format/blob-stream.js';
import { decodeBase64url } from './base64url.js';
import { toClientError } from './client-error.js';
import { COBBLESTONE_CHUNK_BYTES } from '../format/constants.js';
import type { FileContent } from './node-record.js';
import type { RelayApi } from './relay-api.js';

/** The plaintext of one stored content, as a stream of verified bytes. */
export async function openContent(api: RelayApi, content: FileContent, nodeId: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  if (content.blobIds.length !== 1) throw toClientError(new Error('multi-blob files are not written by this client yet'), { nodeId });
  try {
    const blob = await api.readBlob(content.blobIds[0], { signal });
    return blob.pipeThrough(openStream(decodeBase64url(content.fileKey), { length: content.length }), { signal });
  } catch (error) {
    throw toClientError(error, { nodeId });
  }
}

export interface CopyOptions { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }

/**
 * A file opened for writing (FileSystemWritableFileStream) in this thread. Its writes are awaited one
 * by one here, so every batch is gathered into the same reused buffer: a fresh buffer per batch (what a
 * stream of unknown keeping needs) was a seventh of a download's worker time, and a Blob of the chunks
 * instead cost three times the decryption.
 */
export interface FileTarget { file: WritableStream<Uint8Array> }

export type CopyTarget = WritableStream<Uint8Array> | FileTarget;

export function isFileTarget(target: CopyTarget): target is FileTarget {
  return 'file' in target;
}

/**
 * Verified chunks are 16 KiB; each write into a file's writable, a transferred stream or a progress
 * callback across the worker boundary costs a message, so they go on in batches of this size. A
 * file's writable costs most per write: a 128 MiB download in Chromium took 5.1 s in 512 KiB writes,
 * 3.8 s in 2 MiB and 3.6 s in 4 MiB ones (`npm run bench -- pwa --mib 128`); at 1 GiB, larger writes
 * also left the tab more memory to collect (peak 321 MiB at 1 MiB, 311 at 2 MiB, 335–377 at 4 MiB).
 */
export const COPY_BATCH_BYTES = 2048 * 1024;

/** Batches that may wait for the target while reading and decrypting go on (a file's writable takes one at a time). */
export const COPY_QUEUE_BATCHES = 1;

/** One batch as a single buffer: `into` when given (and large enough), else a fresh one. */
function joined(batch: Uint8Array[], bytes: number, into?: Uint8Array): Uint8Array {
  if (batch.length === 1) return batch[0];
  const out = into && into.length >= bytes ? into.subarray(0, bytes) : new Uint8Array(bytes);
  let at = 0;
  for (const part of batch) { out.set(part, at); at += part.length; }
  return out;
}

/** Writes batches into a file, each gathered into one buffer that is reused once the file took it. */
function fileSink(file: WritableStream<Uint8Array>): WritableStream<Uint8Array[]> {
  const writer = file.getWriter();
  const buffer = new Uint8Array(COPY_BATCH_BYTES + COBBLESTONE_CHUNK_BYTES);
  return new WritableStream({
    async write(batch) {
      await writer.write(joined(batch, batch.reduce((sum, part) => sum + part.length, 0), buffer));
    },
    close: () => writer.close(),
    abort: (reason) => writer.abort(reason),
  });
}

/** Streams the file into `target`, closing it at the end or aborting it on any failure. */
export async function copyTo(source: ReadableStream<Uint8Array>, target: CopyTarget, total: number, nodeId: string, options: CopyOptions = {}): Promise<void> {
  const toFile = isFileTarget(target);
  let done = 0;
  let batch: Uint8Array[] = [];
  let batched = 0;
  const flush = (controller: TransformStreamDefaultController<Uint8Array | Uint8Array[]>) => {
    if (!batched) return;
    controller.enqueue(toFile ? batch : joined(batch, batched));
    batch = [];
    batched = 0;
    options.onProgress?.(done, total);
  };
  const counter = new TransformStream<Uint8Array, Uint8Array | Uint8Array[]>({
    transform(chunk, controller) {
      done += chunk.length;
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= COPY_BATCH_BYTES) flush(controller);
    },
    flush(controller) {
      flush(controller);
      options.onProgress?.(done, total);
    },
  }, undefined, { highWaterMark: COPY_QUEUE_BATCHES });
  try {
    const sink = (toFile ? fileSink(target.file) : target) as WritableStream<Uint8Array | Uint8Array[]>;
    await source.pipeThrough(counter).pipeTo(sink, { signal: options.signal });
  } catch (error) {
    throw toClientError(error, { nodeId });
  }
}

/** Reads the whole stream; resolves only after the final chunk verified. */
export async function readWhole(source: ReadableStream<Uint8Array>, nodeId: string, options: CopyOptions & { total: number }): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  await copyTo(source, new WritableStream({ write(chunk) { parts.push(chunk); } }), options.total, nodeId, options);
  return parts;
}

/** The first `maxBytes` verified bytes; `truncated` when the file is longer. */
export async function readStart(source: ReadableStream<Uint8Array>, maxBytes: number, nodeId: string, signal?: AbortSignal): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const out = new Uint8Array(maxBytes);
  let fill = 0;
  const reader = source.getReader();
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) return { bytes: out.slice(0, fill), truncated: false };
      const take = Math.min(value.length, maxBytes - fill);
      out.set(value.subarray(0, take), fill);
      fill += take;
      if (take < value.length || fill === maxBytes) {
        // Stop reading here: whether more bytes follow is known only by looking, so ask once.
        const more = take < value.length || !(await reader.read()).done;
        // Not awaited: with an inflater mid-write, Node's TransformStream cancel can wait forever on
        // the pending transform; the bytes we return are verified already either way.
        void reader.cancel().catch(() => undefined);
        return { bytes: out.slice(0, fill), truncated: more };
      }
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw toClientError(error, { nodeId });
  }
}
