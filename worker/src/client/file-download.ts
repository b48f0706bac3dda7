// Reading a file back: GET the blob as a stream → openSourceStream (only authenticated chunks come out) →
// the caller's sink. A blob that fails to open is `tampered`; a whole-file result (Blob, bytes for a
// preview) is handed over only after the last chunk verified, and a streamed target is aborted, not
// closed, so a partial file is never presented as complete.
import { openSourceStream } from '../format/blob-stream.js';
import { decodeBase64url } from './base64url.js';
import { toClientError } from './client-error.js';
import type { FileContent } from './node-record.js';
import type { RelayApi } from './relay-api.js';

/** The plaintext of one stored content, as a stream of verified bytes. */
export async function openContent(api: RelayApi, content: FileContent, nodeId: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  if (content.blobIds.length !== 1) throw toClientError(new Error('multi-blob files are not written by this client yet'), { nodeId });
  try {
    const blob = await api.readBlob(content.blobIds[0], { signal });
    return openSourceStream(blob, decodeBase64url(content.fileKey), { length: content.length });
  } catch (error) {
    throw toClientError(error, { nodeId });
  }
}

export interface CopyOptions { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }

/**
 * A file opened for writing (FileSystemWritableFileStream) in this thread. Its writes are awaited one
 * by one here, so the batch buffers are reused once the file has taken them: a fresh buffer per batch
 * (what a stream of unknown keeping needs) was a seventh of a download's worker time.
 */
export interface FileTarget { file: WritableStream<Uint8Array> }

export type CopyTarget = WritableStream<Uint8Array> | FileTarget;

export function isFileTarget(target: CopyTarget): target is FileTarget {
  return 'file' in target;
}

/** The stream behind a target, for an early abort. */
export function streamOf(target: CopyTarget): WritableStream<Uint8Array> {
  return isFileTarget(target) ? target.file : target;
}

/**
 * Opens a file the user picked and runs `write` on it. A failure before the bytes began (vault locked,
 * blob missing, share used up, cancelled while the blob was asked for) aborts the file too, so no
 * half-made file or open swap file is left behind; later failures abort it in copyTo or the ZIP writer.
 */
export async function writeFile<T>(handle: FileSystemFileHandle, write: (target: FileTarget) => Promise<T>): Promise<T> {
  const file = await handle.createWritable();
  try {
    return await write({ file });
  } catch (error) {
    await file.abort(error).catch(() => undefined); // already aborted, or locked by a writer that did
    throw error;
  }
}

/**
 * Verified chunks are 16 KiB; each write into a file's writable, a transferred stream or a progress
 * callback across the worker boundary costs a message, so they go on in batches of this size. A
 * file's writable costs most per write: a 128 MiB download in Chromium took 5.1 s in 512 KiB writes,
 * 3.8 s in 2 MiB and 3.6 s in 4 MiB ones (`npm run bench -- pwa --mib 128`).
 */
export const COPY_BATCH_BYTES = 2048 * 1024;

/**
 * Batch buffers a file target keeps for reuse: one being written, one queued, one filling.
 * [Note: Copy chunks as they come] Each verified chunk is copied into the batch buffer the moment it
 * arrives, not kept until the batch is full: chunks held across a batch outlive young-generation
 * collections and wait for a full one (a 1 GiB download's tab rose 68 MiB above idle with kept chunks,
 * 60 MiB with copied ones).
 */
const FILE_BATCH_BUFFERS = 3;

/** Where batches are gathered: fresh buffers the target may keep, or (for a file) a few reused ones. */
class BatchBuffers {
  private readonly free: Uint8Array[] = [];

  constructor(private readonly reuse: boolean) {}

  /** Whether batches come from reused buffers (a file target). */
  get reused(): boolean {
    return this.reuse;
  }

  take(size: number): Uint8Array {
    return this.reuse ? this.free.pop() ?? new Uint8Array(COPY_BATCH_BYTES) : new Uint8Array(size);
  }

  /** A batch the file has taken; its whole buffer can be filled again. */
  giveBack(batch: Uint8Array): void {
    if (this.reuse && this.free.length < FILE_BATCH_BUFFERS) this.free.push(new Uint8Array(batch.buffer, 0, COPY_BATCH_BYTES));
  }
}

/**
 * Copies pieces into batches as they come ([Note: Copy chunks as they come]) and hands each full one to
 * `emit`; `flush` hands on a short last one. With the `total` known, a fresh (not reused) batch is sized
 * to what is left, so a small file gets a small buffer; otherwise a short last batch goes as a copy of its
 * bytes (a view would carry the whole 2 MiB buffer along when a stream's chunks are cloned to the page).
 */
class BatchFiller {
  /** Bytes taken in so far. */
  added = 0;
  private batch: Uint8Array | null = null;
  private fill = 0;

  constructor(private readonly buffers: BatchBuffers, private readonly emit: (batch: Uint8Array) => void, private readonly total?: number) {}

  add(piece: Uint8Array): void {
    for (let at = 0; at < piece.length;) {
      this.batch ??= this.buffers.take(this.total === undefined ? COPY_BATCH_BYTES : Math.min(COPY_BATCH_BYTES, Math.max(this.total - this.added, piece.length - at)));
      const take = Math.min(piece.length - at, this.batch.length - this.fill);
      this.batch.set(piece.subarray(at, at + take), this.fill);
      this.fill += take;
      at += take;
      this.added += take;
      if (this.fill === this.batch.length) this.flush();
    }
  }

  flush(): void {
    if (!this.batch || this.fill === 0) return;
    const short = this.fill < this.batch.length && !this.buffers.reused;
    this.emit(short ? this.batch.slice(0, this.fill) : this.batch.subarray(0, this.fill));
    this.batch = null;
    this.fill = 0;
  }
}

/**
 * Writes batches into a file one by one, handing each buffer back once the file has taken it; up to
 * `queued` batches wait beside the one being written before the sink asks its writer to wait.
 */
function fileSink(file: WritableStream<Uint8Array>, buffers: BatchBuffers, queued = 0): WritableStream<Uint8Array> {
  const writer = file.getWriter();
  return new WritableStream({
    async write(batch) {
      await writer.write(batch);
      buffers.giveBack(batch);
    },
    close: () => writer.close(),
    abort: (reason) => writer.abort(reason),
  }, new CountQueuingStrategy({ highWaterMark: queued + 1 }));
}

/**
 * Small writes gathered into COPY_BATCH_BYTES batches for a target, for a writer whose pieces are not a
 * download's verified chunks (the ZIP writer: a chunk or a header at a time). Each piece is copied in as
 * it comes ([Note: Copy chunks as they come]); a full batch goes to the target without waiting, and
 * `ready` is the backpressure. 64 MiB into a picked file's writable in a worker took 7.0–7.4 s in 16 KiB
 * writes and 0.46–0.57 s in 2 MiB ones (Chromium 156).
 */
export class BatchedWriter {
  private readonly sink: WritableStreamDefaultWriter<Uint8Array>;
  private readonly batches: BatchFiller;

  constructor(target: CopyTarget) {
    const toFile = isFileTarget(target);
    const buffers = new BatchBuffers(toFile);
    // One batch written, one queued, one filling (FILE_BATCH_BUFFERS): the writer fills the next batch
    // while the file takes one, instead of waiting for each write.
    this.sink = (toFile ? fileSink(target.file, buffers, 1) : target).getWriter();
    // A failed write shows in `ready` and `close`.
    this.batches = new BatchFiller(buffers, (batch) => void this.sink.write(batch).catch(() => undefined));
  }

  add(piece: Uint8Array): void {
    this.batches.add(piece);
  }

  /** Settles when the target can take more (a failed target rejects). */
  get ready(): Promise<void> {
    return this.sink.ready;
  }

  /** Sends what is gathered and closes the target. */
  async close(): Promise<void> {
    this.batches.flush();
    await this.sink.close();
  }

  async abort(reason: unknown): Promise<void> {
    await this.sink.abort(reason).catch(() => undefined);
  }
}

/** Streams the file into `target`, closing it at the end or aborting it on any failure. */
export async function copyTo(source: ReadableStream<Uint8Array>, target: CopyTarget, total: number, nodeId: string, options: CopyOptions = {}): Promise<void> {
  const toFile = isFileTarget(target);
  const buffers = new BatchBuffers(toFile);
  let batches: BatchFiller;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      batches = new BatchFiller(buffers, (batch) => {
        controller.enqueue(batch);
        options.onProgress?.(batches.added, total);
      }, total);
    },
    transform: (chunk) => batches.add(chunk),
    flush() {
      batches.flush();
      options.onProgress?.(batches.added, total);
    },
  }, undefined, { highWaterMark: 1 });
  try {
    await source.pipeThrough(counter).pipeTo(toFile ? fileSink(target.file, buffers) : target, { signal: options.signal });
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
