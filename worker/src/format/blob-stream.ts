// VBX1 over web streams: sealStream / openStream wrap the sealer and opener in TransformStreams
// (both sides transferable, so a Web Worker can hand them to the page).
import { asBytes } from './bytes.js';
import { BlobOpener, type OpenOptions } from './blob-opener.js';
import { BlobSealer, type SealOptions, type SealResult } from './blob-sealer.js';

export interface SealStream {
  writable: WritableStream<Uint8Array>;
  readable: ReadableStream<Uint8Array>;
  /**
   * Resolves once the last byte is out, with the length to store; rejects if sealing failed.
   * (If the readable side is cancelled instead, no flush runs and this never settles.)
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
  let opener: BlobOpener;
  let byob: ReadableStreamBYOBReader | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let buffer: ArrayBuffer | undefined = new ArrayBuffer(READ_BUFFER_BYTES);
  try {
    byob = source.getReader({ mode: 'byob' });
  } catch {
    reader = source.getReader(); // not a byte stream
  }
  const next = async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    if (!byob) return reader!.read();
    const result = await byob.read(new Uint8Array(buffer!));
    buffer = result.value?.buffer as ArrayBuffer | undefined;
    return result.done ? { done: true, value: undefined } : { done: false, value: result.value! };
  };
  const cancelSource = (reason: unknown) => (byob ?? reader)!.cancel(reason).catch(() => undefined);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      opener = new BlobOpener(fileKey, options, (b) => controller.enqueue(b));
    },
    async pull(controller) {
      try {
        // Until something is queued: a pull that enqueues nothing is not called again.
        while ((controller.desiredSize ?? 0) > 0) {
          const { done, value } = await next();
          if (done) {
            await opener.finish();
            controller.close();
            return;
          }
          await opener.push(value);
        }
      } catch (error) {
        await cancelSource(error);
        throw error;
      }
    },
    cancel: (reason) => cancelSource(reason),
  });
}
