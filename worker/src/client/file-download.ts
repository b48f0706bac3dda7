// Reading a file back: GET the blob as a stream → openStream (only authenticated chunks come out) →
// the caller's sink. A blob that fails to open is `tampered`; a whole-file result (Blob, bytes for a
// preview) is handed over only after the last chunk verified, and a streamed target is aborted, not
// closed, so a partial file is never presented as complete.
import { openStream } from '../format/blob-stream.js';
import { decodeBase64url } from './base64url.js';
import { toClientError } from './client-error.js';
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
 * Verified chunks are 16 KiB; each write into a file's writable, a transferred stream or a progress
 * callback across the worker boundary costs a message, so they go on in batches of this size.
 */
export const COPY_BATCH_BYTES = 512 * 1024;

/** Streams the file into `target`, closing it at the end or aborting it on any failure. */
export async function copyTo(source: ReadableStream<Uint8Array>, target: WritableStream<Uint8Array>, total: number, nodeId: string, options: CopyOptions = {}): Promise<void> {
  let done = 0;
  let batch: Uint8Array[] = [];
  let batched = 0;
  const flush = (controller: TransformStreamDefaultController<Uint8Array>) => {
    if (!batched) return;
    const out = batch.length === 1 ? batch[0] : new Uint8Array(batched);
    if (batch.length > 1) {
      let at = 0;
      for (const part of batch) { out.set(part, at); at += part.length; }
    }
    batch = [];
    batched = 0;
    controller.enqueue(out);
    options.onProgress?.(done, total);
  };
  const counter = new TransformStream<Uint8Array, Uint8Array>({
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
  });
  try {
    await source.pipeThrough(counter).pipeTo(target, { signal: options.signal });
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
