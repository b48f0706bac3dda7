// VBX1 over web streams: sealStream / openStream wrap the sealer and opener in TransformStreams
// (both sides transferable, so a Web Worker can hand them to the page); sealSourceStream /
// openSourceStream read a given source themselves, for the worker's own uploads and downloads.
import { asBytes } from './bytes.js';
import { BlobOpener, type OpenOptions } from './blob-opener.js';
import { BlobSealer, type SealOptions, type SealResult } from './blob-sealer.js';

export interface SealStream {
  writable: WritableStream<Uint8Array>;
  readable: ReadableStream<Uint8Array>;
  /**
   * Resolves once the last byte is out, with the length to store; rejects if sealing failed or either
   * side was aborted or cancelled.
   */
  result: Promise<SealResult>;
}

/** Plaintext in, VBX1 blob out. Keep SealResult.length: opening needs it to drop the padding. */
export function sealStream(fileKey: Uint8Array, options: SealOptions = {}): SealStream {
  let sealer: BlobSealer;
  let settle: { resolve(r: SealResult): void; reject(e: unknown): void } | undefined;
  const result = new Promise<SealResult>((resolve, reject) => { settle = { resolve, reject }; });
  // The caller may only ever look at the stream; an unobserved rejection must not crash Node.
  result.catch(() => undefined);
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      sealer = new BlobSealer(fileKey, options, (b) => controller.enqueue(b));
    },
    transform: (chunk) => sealer.push(asBytes(chunk)),
    async flush() {
      settle?.resolve(await sealer.finish());
    },
  });
  // A thin writable in front of the transform: a TransformStream gives no callback when its
  // writable is aborted or its readable cancelled, and `result` must settle in those cases too.
  const inner = stream.writable.getWriter();
  inner.closed.catch((reason: unknown) => settle?.reject(reason));
  const writable = new WritableStream<Uint8Array>({
    write: (chunk) => inner.write(chunk),
    close: () => inner.close(),
    abort: (reason) => inner.abort(reason),
  });
  return { writable, readable: stream.readable, result };
}

/**
 * VBX1 blob in, plaintext out. Only authenticated bytes are released; after a failure the
 * readable side stays errored with the same FormatError.
 */
export function openStream(fileKey: Uint8Array, options: OpenOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  let opener: BlobOpener;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      opener = new BlobOpener(fileKey, options, (b) => controller.enqueue(b));
    },
    transform: (chunk) => opener.push(asBytes(chunk)),
    flush: () => opener.finish(),
  });
}

/** Bytes read from the source at a time into the one reused buffer (a fetch body gives up to this much per read). */
const READ_BUFFER_BYTES = 256 * 1024;

/** Reads a source stream: into one reused buffer where it is a byte stream ([Note: Reading into one buffer]), else as it comes. */
interface SourceReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(reason: unknown): Promise<void>;
}

function reusingReader(source: ReadableStream<Uint8Array>): SourceReader {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = source.getReader({ mode: 'byob' });
  } catch {
    return plainReader(source); // not a byte stream
  }
  let buffer: ArrayBuffer | undefined = new ArrayBuffer(READ_BUFFER_BYTES);
  return {
    read: async () => {
      const result = await byob.read(new Uint8Array(buffer!));
      buffer = result.value?.buffer as ArrayBuffer | undefined;
      return result.done ? { done: true, value: undefined } : { done: false, value: result.value! };
    },
    cancel: (reason) => byob.cancel(reason).catch(() => undefined),
  };
}

function plainReader(source: ReadableStream<Uint8Array>): SourceReader {
  const reader = source.getReader();
  return { read: () => reader.read(), cancel: (reason) => reader.cancel(reason).catch(() => undefined) };
}

/** What a driven stream does with its source: `start` makes the stage (given where its output goes). */
interface Stage {
  push(chunk: Uint8Array): Promise<void>;
  finish(): Promise<void>;
}

/**
 * A readable whose pull feeds the source's chunks to one stage (a sealer, an opener) until something is
 * queued — a pull that enqueues nothing is not called again — instead of piping through a TransformStream
 * per stage; the source is cancelled when the stage fails or the readable is cancelled.
 */
function drivenStream(source: SourceReader, start: (enqueue: (bytes: Uint8Array) => void) => Stage, onEnd: (error?: unknown) => void = () => undefined): ReadableStream<Uint8Array> {
  let stage: Stage;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      try {
        stage = start((b) => controller.enqueue(b));
      } catch (error) {
        onEnd(error);
        void source.cancel(error);
        throw error;
      }
    },
    async pull(controller) {
      try {
        while ((controller.desiredSize ?? 0) > 0) {
          const { done, value } = await source.read();
          if (done) {
            await stage.finish();
            onEnd();
            controller.close();
            return;
          }
          await stage.push(value);
        }
      } catch (error) {
        onEnd(error);
        await source.cancel(error);
        throw error;
      }
    },
    cancel: (reason) => {
      onEnd(reason);
      return source.cancel(reason);
    },
  });
}

/**
 * openStream for a source read here: a VBX1 blob's stream in, its plaintext out, with the same guarantees.
 * [Note: Reading into one buffer] Where the source is a byte stream (a fetch body in Chromium and in Node),
 * it is read with a BYOB reader into one reused buffer: every chunk a default reader hands out is a fresh
 * ArrayBuffer that lives until a collection, and with the fresh buffers decryption returns, a download's
 * garbage rose ~175 MiB above a collected start in Chromium (bench pwa, 1 GiB). The buffer is refilled only
 * after the opener has taken the bytes: the AEAD backends copy or consume their inputs when called, and the
 * opener copies what it keeps (header, a part chunk).
 */
export function openSourceStream(source: ReadableStream<Uint8Array>, fileKey: Uint8Array, options: OpenOptions = {}): ReadableStream<Uint8Array> {
  return drivenStream(reusingReader(source), (enqueue) => {
    const opener = new BlobOpener(fileKey, options, enqueue);
    return { push: (chunk) => opener.push(chunk), finish: () => opener.finish() };
  });
}

export interface SealSourceStream {
  readable: ReadableStream<Uint8Array>;
  /** As SealStream's: the length to store once the last byte is out; rejects when sealing fails or is cancelled. */
  result: Promise<SealResult>;
}

/**
 * sealStream for a source read here (a picked file's stream): plaintext in, VBX1 blob out. Each chunk is
 * handed to `tap` first (the content hash), awaited, then sealed, in one pull — a hashing stage and the
 * sealer as TransformStreams cost two stream hops per chunk. The source is read as it comes (its chunks
 * are not reused: `tap` may keep them).
 */
export function sealSourceStream(source: ReadableStream<Uint8Array>, fileKey: Uint8Array, options: SealOptions, tap?: (chunk: Uint8Array) => void | Promise<void>): SealSourceStream {
  let settle: { resolve(r: SealResult): void; reject(e: unknown): void } | undefined;
  const result = new Promise<SealResult>((resolve, reject) => { settle = { resolve, reject }; });
  result.catch(() => undefined); // the caller may only ever look at the stream
  let sealed: SealResult | undefined;
  const readable = drivenStream(plainReader(source), (enqueue) => {
    const sealer = new BlobSealer(fileKey, options, enqueue);
    return {
      push: async (chunk) => {
        const bytes = asBytes(chunk);
        await tap?.(bytes);
        await sealer.push(bytes);
      },
      finish: async () => { sealed = await sealer.finish(); },
    };
  }, (error) => (sealed && error === undefined ? settle?.resolve(sealed) : settle?.reject(error ?? new Error('sealing ended early'))));
  return { readable, result };
}
